/**
 * The V8 flags the bot runs with in production (the Dockerfile's CMD and `npm run start:prod`; a unit test
 * keeps the three the same), so the benches measure the bot as it runs.
 * --heap-growing-percent=50: after each full GC the old generation may grow by half of what survived before
 * the next one, instead of V8's dynamic factor (up to 4×, which let a worker keeping ~50 MB reach 250–280 MB
 * RSS on garbage). It only schedules full GCs sooner; the heap limit is unchanged, so no new way to crash.
 * --max-semi-space-size=4 (MB): a smaller young generation, scavenged more often; in the 60 s soak the worker's
 * peak went from 255 to 219 MB for ~6% longer to drain the backlog. Again no limit on what the heap may hold.
 */
export const PRODUCTION_NODE_FLAGS = ['--heap-growing-percent=50', '--max-semi-space-size=4'];

/** BENCH_NODE_FLAGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof": for every server a bench starts. */
export const benchNodeFlags = (): string[] => (process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean);

/** The bot's servers: the production flags, then BENCH_NODE_FLAGS. */
export const botNodeFlags = (): string[] => [...PRODUCTION_NODE_FLAGS, ...benchNodeFlags()];
