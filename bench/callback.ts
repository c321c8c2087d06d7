/**
 * Webhook benchmark: signed, encrypted text callbacks against the real route with real Redis, and the same
 * load, in the same run, against two baselines: a bare node:http server that only verifies and decrypts, and
 * Koa 2 + co-wechat 2.4 (verifies, decrypts, parses, stores nothing). Prints ack p50/p99 at fixed rates, peak
 * throughput, the ratios, CPU time per request during the peak rounds (the server's own, and Redis's while the
 * bot ran: figures that a busy, shared machine disturbs far less than req/s), the web role's peak RSS; then runs the worker role on what the webhook stored for
 * BENCH_WORKER_SECONDS and prints how fast it forwarded and its peak RSS.
 * Targets (2 cores, ratios within one run): p99 < 20 ms at 500 req/s, peak ≥ 0.6× bare and ≥ 1.2× co-wechat,
 * web RSS < 200 MB, worker RSS < 250 MB.
 * Env: BENCH_RATE_SECONDS, BENCH_PEAK_SECONDS, BENCH_PEAK_ROUNDS, BENCH_WORKER_SECONDS; BENCH_NODE_FLAGS are
 * passed to every server (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to see where the time goes).
 */
import { type ChildProcess, fork } from 'node:child_process';
import { loadavg } from 'node:os';
import autocannon from 'autocannon';
import { Redis } from 'ioredis';
import { queuePrefix } from '../src/queues/queues.js';
import { textMessageXml, WecomCallbackClient } from '../src/standin/callback-client.js';
import { cpuSeconds, procStatusKb } from './proc.js';
import { corp } from './servers/bench-corp.js';
import { benchNodeFlags, botNodeFlags } from './servers/node-flags.js';

const RATES = [250, 500];
const RATE_SECONDS = Number(process.env.BENCH_RATE_SECONDS ?? 10);
const PEAK_SECONDS = Number(process.env.BENCH_PEAK_SECONDS ?? 8);
const PEAK_ROUNDS = Number(process.env.BENCH_PEAK_ROUNDS ?? 3);
const WORKER_SECONDS = Number(process.env.BENCH_WORKER_SECONDS ?? 15);
const POOL = 60_000; // distinct MsgIds: every request is a new message, none collapse onto an existing job

interface Server {
  child: ChildProcess;
  port: number;
}

async function startServer(
  script: string,
  args: string[] = [],
  execArgv = benchNodeFlags(),
): Promise<Server> {
  // Compiled JavaScript, as in production: a TypeScript loader would add its own thread and memory.
  const child = fork(new URL(script, import.meta.url).pathname, args, { execArgv });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m) => resolve((m as { port: number }).port));
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
  return { child, port };
}

const peakRssMb = (pid: number) => Math.round(procStatusKb(pid, 'VmHWM') / 1024);

function requestPool(): Array<{ path: string; body: string }> {
  const client = new WecomCallbackClient({ ...corp, botUrl: 'http://127.0.0.1/wecom/callback' });
  const pool: Array<{ path: string; body: string }> = [];
  for (let i = 0; i < POOL; i++) {
    const msgId = `7459035${String(Date.now()).slice(-6)}${String(i).padStart(6, '0')}`;
    const xml = textMessageXml({
      corpId: corp.corpId,
      agentId: corp.agentId,
      fromUser: `member${i % 150}`,
      createTime: Math.floor(Date.now() / 1000),
      content: '昨天下午去3号楼王奶奶家走访了两个小时',
      msgId,
    });
    const { query, body } = client.buildPost(xml);
    // encrypt_type=aes is how co-wechat (made for WeChat official accounts) knows the body is encrypted;
    // the bot and the bare server ignore it, so all three get the very same requests.
    pool.push({ path: `/wecom/callback?${new URLSearchParams({ ...query, encrypt_type: 'aes' })}`, body });
  }
  return pool;
}

async function load(
  port: number,
  pool: Array<{ path: string; body: string }>,
  seconds: number,
  rate?: number,
) {
  let next = 0;
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    method: 'POST',
    headers: { 'content-type': 'text/xml' },
    connections: rate ? 20 : 50,
    duration: seconds,
    ...(rate ? { overallRate: rate } : {}),
    requests: [
      {
        setupRequest: (req) => {
          const r = pool[next++ % pool.length]!;
          return { ...req, path: r.path, body: r.body };
        },
      },
    ],
  });
  const bad = result.non2xx + result.errors + result.timeouts;
  return {
    p50: result.latency.p50,
    p99: result.latency.p99,
    rps: result.requests.average,
    bad,
    total: result.requests.total,
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function stop(server: Server): Promise<void> {
  server.child.send('drain');
  await new Promise((resolve) => server.child.once('exit', resolve));
}

const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
// Redis's own CPU, when it runs on this machine (NaN otherwise).
const redisPid = Number(/process_id:(\d+)/.exec(await redis.info('server'))?.[1]);
const load1 = () =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');
const loadAtStart = load1();
const pool = requestPool();
console.log(
  `callback benchmark: ${pool.length} distinct signed callbacks, ${RATE_SECONDS}s per rate, peak ${PEAK_ROUNDS}×${PEAK_SECONDS}s (median); the machine may be shared: compare the ratios, not the absolute figures`,
);
const prefix = `bench-${process.pid}`;
const servers = {
  bare: await startServer('./servers/bare.js'),
  cowechat: await startServer('./servers/co-wechat.js'),
  bot: await startServer('./servers/bot-web.js', [prefix], botNodeFlags()),
};
const NAMES = ['bare', 'cowechat', 'bot'] as const;
type Name = (typeof NAMES)[number];
const names: Record<Name, string> = {
  bare: 'bare node:http verify + decrypt (baseline)',
  cowechat: 'Koa 2 + co-wechat 2.4, stores nothing (baseline)',
  bot: 'bot webhook (stored in Redis before the ack)',
};
const report = Object.fromEntries(
  NAMES.map((n) => [n, { rates: [], peaks: [], bad: 0, cpu: 0, redisCpu: 0, served: 0 }]),
) as unknown as Record<
  Name,
  {
    rates: Array<{ rate: number; p50: number; p99: number; bad: number; total: number }>;
    peaks: number[];
    bad: number;
    /** CPU seconds of the server, and of Redis, and requests served, over the peak rounds. */
    cpu: number;
    redisCpu: number;
    served: number;
  }
>;
for (const name of NAMES) {
  await load(servers[name].port, pool, 2); // warm-up: JIT, connection pools
  for (const rate of RATES)
    report[name].rates.push({ rate, ...(await load(servers[name].port, pool, RATE_SECONDS, rate)) });
}
// Peak rounds take turns so a noisy moment on the machine does not favour one side.
for (let round = 0; round < PEAK_ROUNDS; round++) {
  for (const name of NAMES) {
    const pid = servers[name].child.pid!;
    const [cpu0, redis0] = [cpuSeconds(pid), cpuSeconds(redisPid)];
    const peak = await load(servers[name].port, pool, PEAK_SECONDS);
    report[name].cpu += cpuSeconds(pid) - cpu0;
    report[name].redisCpu += cpuSeconds(redisPid) - redis0;
    report[name].served += peak.total;
    report[name].peaks.push(peak.rps);
    report[name].bad += peak.bad;
  }
}
const rss = Object.fromEntries(NAMES.map((n) => [n, peakRssMb(servers[n].child.pid!)])) as Record<
  Name,
  number
>;
servers.bare.child.kill();
servers.cowechat.child.kill();

// The worker role on what the webhook stored: how fast the arrivals become inbound jobs, and its memory.
const arrivals = `${queuePrefix(prefix, 'inbound')}:inbound:arrivals`;
const stored = await redis.xlen(arrivals);
const worker = await startServer('./servers/bot-worker.js', [prefix], botNodeFlags());
const workerStart = Date.now();
await new Promise((resolve) => setTimeout(resolve, WORKER_SECONDS * 1000));
const left = await redis.xlen(arrivals);
const workerRss = peakRssMb(worker.child.pid!);
await stop(worker);
await stop(servers.bot);
await redis.quit();

/** µs of CPU per request: the server's, and Redis's (which shares the machine) while the bot was loaded. */
function cpuLine(name: Name): string {
  const { cpu, redisCpu, served } = report[name];
  const us = (seconds: number) => Math.round((seconds / served) * 1e6);
  return `server ${us(cpu)} µs, Redis ${Number.isNaN(redisCpu) ? 'n/a' : `${us(redisCpu)} µs`}`;
}
for (const name of NAMES) {
  console.log(`\n${names[name]}`);
  for (const r of report[name].rates) {
    console.log(`  ${r.rate} req/s: p50 ${r.p50} ms, p99 ${r.p99} ms, non-2xx/errors ${r.bad} of ${r.total}`);
  }
  const peaks = report[name].peaks.map(Math.round);
  console.log(
    `  peak: median ${median(peaks)} req/s (rounds ${peaks.join(', ')}; non-2xx/errors ${report[name].bad}), peak RSS ${rss[name]} MB`,
  );
  console.log(`  CPU per request over the peak rounds: ${cpuLine(name)}`);
}
const forwarded = stored - left;
const seconds = (Date.now() - workerStart) / 1000;
console.log(
  `\nworker role (${WORKER_SECONDS}s on the ${stored} stored arrivals): forwarded ${forwarded} (${Math.round(forwarded / seconds)}/s incl. start-up), ${left} left; peak RSS ${workerRss} MB`,
);
const at500 = report.bot.rates.find((r) => r.rate === 500)!;
const peakOf = (name: Name) => median(report[name].peaks);
const vsBare = peakOf('bot') / peakOf('bare');
const vsCo = peakOf('bot') / peakOf('cowechat');
const mark = (ok: boolean) => (ok ? 'OK' : 'MISSED');
console.log(`\nsummary (load average at start ${loadAtStart}, at end ${load1()})`);
console.log(
  `  ack at 500 req/s: p50 ${at500.p50} ms, p99 ${at500.p99} ms (target p99 < 20 ms) ${mark(at500.p99 < 20)}`,
);
console.log(
  `  peak: bot ${Math.round(peakOf('bot'))}, bare ${Math.round(peakOf('bare'))}, co-wechat ${Math.round(peakOf('cowechat'))} req/s`,
);
console.log(`  bot / bare: ${vsBare.toFixed(2)}× (target ≥ 0.6×) ${mark(vsBare >= 0.6)}`);
console.log(`  bot / co-wechat: ${vsCo.toFixed(2)}× (target ≥ 1.2×) ${mark(vsCo >= 1.2)}`);
console.log(`  CPU per request: ${NAMES.map((n) => `${n} ${cpuLine(n)}`).join('; ')}`);
console.log(`  web role peak RSS: ${rss.bot} MB (target < 200 MB) ${mark(rss.bot < 200)}`);
console.log(`  worker role peak RSS: ${workerRss} MB (target < 250 MB) ${mark(workerRss < 250)}`);
