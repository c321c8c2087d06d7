/**
 * Dues reminder benchmark: generated members (100,000 in 50 communities), all charged for the month and
 * none paid; the 15th's reminder job runs with the bot's workers in a child process against the WeCom
 * stand-in (which lives here, so it survives the kill and counts everything), is SIGKILLed when about half
 * the recipients have arrived, and runs again in a fresh child. Prints elapsed time, WeCom calls, recipients,
 * duplicates, the workers' RSS (peak, and sampled every second), CPU by process and where the job's time
 * went (MongoDB commands by collection, WeCom HTTP, the rate-limit Lua), then an OK/MISSED line per target.
 * Targets: all members handed to the stand-in < 2 min from the start of the first run, memory flat,
 * 0 duplicates after the kill and the second run.
 * Not timed: generating the members, and dues-charges (its time is printed; past BENCH_CHARGES_CEILING_S it is
 * stopped and the bench writes the remaining charges itself, the same documents the job writes).
 * Env: BENCH_MEMBERS (100000), BENCH_COMMUNITIES (50), BENCH_CHARGES_CEILING_S (120), BENCH_RUN1_CEILING_S
 * (300: kill run 1 then even if half has not arrived), BENCH_RUN2_CEILING_S (240), BENCH_LOG_LEVEL (error);
 * BENCH_NODE_FLAGS are passed to the children (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof").
 */
import { type ChildProcess, fork } from 'node:child_process';
import { Redis } from 'ioredis';
import { Types } from 'mongoose';
import { localCorpConfig } from '../src/cli/env.js';
import { buildDeps } from '../src/deps.js';
import { currentYearMonth } from '../src/domain/text/index.js';
import { createLogger } from '../src/logger.js';
import { startFakeWecomApi } from '../src/standin/fake-wecom-api.js';
import { cpuSeconds, findPid, procStatusKb } from './proc.js';
import { corp } from './servers/bench-corp.js';
import type { Profile, WorkerMessage } from './servers/dues-worker.js';
import { botNodeFlags } from './servers/node-flags.js';

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 100_000);
const COMMUNITIES = Number(process.env.BENCH_COMMUNITIES ?? 50);
const CHARGES_CEILING_MS = Number(process.env.BENCH_CHARGES_CEILING_S ?? 120) * 1000;
const RUN1_CEILING_MS = Number(process.env.BENCH_RUN1_CEILING_S ?? 300) * 1000;
const RUN2_CEILING_MS = Number(process.env.BENCH_RUN2_CEILING_S ?? 240) * 1000;
const TARGET_MS = 120_000;
const INSERT_BATCH = 1000;
const MONGO_BASE = process.env.MONGODB_BASE ?? 'mongodb://127.0.0.1:27017';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const TIME_ZONE = 'Asia/Shanghai';
const FLAT_FEN = 20; // students pay the flat 0.2元: what dues-charges computes for them

const ns = `bench_dues_${process.pid}`;
const month = currentYearMonth(new Date(), TIME_ZONE);
const chargesAt = new Date(`${month}-01T00:10:00+08:00`);
const remindAt = new Date(`${month}-15T10:00:00+08:00`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const mb = (kb: number) => Math.round(kb / 1024);
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const fmt = (n: number) => n.toLocaleString('en-US');

const servicePids = { ferretdb: findPid('ferretdb', '27017'), redis: findPid('redis-server', '6379') };

// ---- the stand-in, counting what it delivers ------------------------------------------------------------
const standin = await startFakeWecomApi({ corpId: corp.corpId, secret: corp.secret, agentId: corp.agentId });
const received = new Map<string, number>();
const tally = { calls: 0, recipients: 0, dropped: 0, invalid: 0, lastNewAt: 0 };
standin.on('message', (m) => {
  tally.calls++;
  tally.recipients += m.delivered.length;
  tally.dropped += m.dropped.length;
  tally.invalid += m.invalid.length;
  for (const userid of m.delivered) {
    const count = received.get(userid) ?? 0;
    if (count === 0) tally.lastNewAt = Date.now();
    received.set(userid, count + 1);
  }
});
const duplicates = () => [...received.values()].filter((n) => n > 1).length;

const config = localCorpConfig(standin.url, {
  ROLE: 'worker',
  INTERNAL_PORT: '0',
  MONGODB_URI: `${MONGO_BASE}/${ns}`,
  REDIS_URL,
  APP_TIMEZONE: TIME_ZONE,
  LOG_LEVEL: 'error',
});
const deps = await buildDeps(config, createLogger('error'), { queuePrefix: ns, redisKeyPrefix: `${ns}:` });
const { models } = deps;

// ---- the job in a child process -------------------------------------------------------------------------
interface Worker {
  child: ChildProcess;
  pid: number;
  jobStart: number | null;
  jobDone: number | null;
  summary: string | null;
  profile: Profile;
  heapUsed: number;
  retainedHeap: number;
  exited: Promise<number | null>;
}

const live = new Set<ChildProcess>();

async function startWorker(mode: 'charges' | 'reminders', at: Date): Promise<Worker> {
  // Compiled JavaScript, as in production.
  const child = fork(
    new URL('./servers/dues-worker.js', import.meta.url).pathname,
    [mode, ns, standin.url, at.toISOString()],
    { execArgv: botNodeFlags() },
  );
  const worker: Worker = {
    child,
    pid: child.pid ?? 0,
    jobStart: null,
    jobDone: null,
    summary: null,
    profile: {},
    heapUsed: 0,
    retainedHeap: 0,
    exited: new Promise((resolve) => child.once('exit', (code) => resolve(code))),
  };
  live.add(child);
  void worker.exited.then(() => live.delete(child));
  child.on('message', (raw) => {
    const m = raw as WorkerMessage;
    if (m.type === 'job-start') worker.jobStart = m.t;
    if (m.type === 'job-done') [worker.jobDone, worker.summary] = [m.t, m.summary];
    if (m.type === 'job-failed') [worker.jobDone, worker.summary] = [m.t, `FAILED: ${m.error}`];
    if (m.type === 'profile')
      [worker.profile, worker.heapUsed, worker.retainedHeap] = [m.profile, m.heapUsed, m.retainedHeap];
  });
  await new Promise<void>((resolve, reject) => {
    child.on('message', (m) => (m as WorkerMessage).type === 'ready' && resolve());
    void worker.exited.then((code) =>
      reject(new Error(`dues-worker ${mode} exited with ${code} before ready`)),
    );
  });
  return worker;
}

async function stopWorker(worker: Worker): Promise<void> {
  if (worker.child.exitCode !== null || worker.child.signalCode !== null) return;
  worker.child.send('stop');
  const code = await Promise.race([worker.exited, sleep(20_000).then(() => 'timeout' as const)]);
  if (code === 'timeout') worker.child.kill('SIGKILL');
  await worker.exited;
}

interface Sample {
  t: number;
  rssKb: number;
  heapKb: number;
  retainedKb: number;
  distinct: number;
}
interface RunReport {
  name: string;
  worker: Worker;
  start: number;
  end: number;
  samples: Sample[];
  peakKb: number;
  newRecipients: number;
  distinctAtEnd: number;
  calls: number;
  cpu: Record<string, number>;
  outcome: string;
}

function cpuNow(worker: Worker): Record<string, number> {
  return {
    'bot workers (child)': cpuSeconds(worker.pid),
    FerretDB: servicePids.ferretdb ? cpuSeconds(servicePids.ferretdb) : Number.NaN,
    Redis: servicePids.redis ? cpuSeconds(servicePids.redis) : Number.NaN,
    'bench + stand-in (parent)': cpuSeconds('self'),
  };
}

/** Runs the reminder job in a child until `until` says stop (checked every 250 ms; RSS sampled every second). */
async function reminderRun(
  name: string,
  until: (w: Worker, elapsedMs: number) => Promise<string | null>,
  kill: boolean,
): Promise<RunReport> {
  const worker = await startWorker('reminders', remindAt);
  const start = worker.jobStart ?? Date.now();
  const cpu0 = cpuNow(worker);
  const distinct0 = received.size;
  const calls0 = tally.calls;
  const samples: Sample[] = [];
  let lastSample = 0;
  let outcome: string | null = null;
  while (outcome === null) {
    await sleep(250);
    if (Date.now() - lastSample >= 1000) {
      lastSample = Date.now();
      samples.push({
        t: lastSample,
        rssKb: procStatusKb(worker.pid, 'VmRSS'),
        heapKb: worker.heapUsed / 1024,
        retainedKb: worker.retainedHeap / 1024,
        distinct: received.size,
      });
    }
    if (worker.child.exitCode !== null) outcome = `worker exited with ${worker.child.exitCode}`;
    else outcome = await until(worker, Date.now() - start);
  }
  const peakKb = procStatusKb(worker.pid, 'VmHWM');
  const cpu1 = cpuNow(worker);
  const end = Date.now();
  if (kill) {
    worker.child.kill('SIGKILL');
    await worker.exited;
  } else {
    await stopWorker(worker);
  }
  const cpu = Object.fromEntries(Object.entries(cpu1).map(([k, v]) => [k, v - (cpu0[k] ?? 0)]));
  return {
    name,
    worker,
    start: worker.jobStart ?? start,
    end,
    samples,
    peakKb,
    newRecipients: received.size - distinct0,
    distinctAtEnd: received.size,
    calls: tally.calls - calls0,
    cpu,
    outcome,
  };
}

async function outboundBacklog(): Promise<number> {
  const counts = await deps.queues.outbound.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
  return Object.values(counts).reduce((a, b) => a + b, 0);
}

// ---- report ------------------------------------------------------------------------------------------------
const minMax = (kbs: number[]) =>
  kbs.length === 0 ? 'no samples' : `min ${mb(Math.min(...kbs))} MB, max ${mb(Math.max(...kbs))} MB`;

function printRun(r: RunReport): void {
  console.log(`\n${r.name}`);
  const job =
    r.worker.jobDone && r.worker.jobDone <= r.end
      ? `job finished in ${s(r.worker.jobDone - r.start)} (${r.worker.summary})`
      : 'job still running when stopped';
  console.log(`  ${r.outcome}; ${s(r.end - r.start)} from job start; ${job}`);
  console.log(
    `  stand-in: ${fmt(r.calls)} message/send calls, ${fmt(r.newRecipients)} new recipients in this run (${fmt(r.distinctAtEnd)} of ${fmt(MEMBERS)} at its end)`,
  );
  const rss = r.samples.map((x) => x.rssKb).filter((x) => x > 0);
  const heap = r.samples.map((x) => x.heapKb).filter((x) => x > 0);
  const at = (fraction: number) => {
    const hit = r.samples.find((x) => x.distinct >= fraction * MEMBERS && x.rssKb > 0);
    return hit ? `${mb(hit.rssKb)} MB` : 'not reached';
  };
  console.log(
    `  worker RSS: peak (VmHWM) ${mb(r.peakKb)} MB; sampled every second (${rss.length} samples) ${minMax(rss)}; at 25% / 50% / 75% of recipients: ${at(0.25)} / ${at(0.5)} / ${at(0.75)}`,
  );
  const retained = r.samples.map((x) => x.retainedKb).filter((x) => x > 0);
  console.log(`  worker heap used (sampled): ${minMax(heap)}; after full GCs: ${minMax(retained)}`);
  const wall = (r.end - r.start) / 1000;
  console.log(
    `  CPU seconds over ${wall.toFixed(0)} s wall: ${Object.entries(r.cpu)
      .map(([k, v]) => `${k} ${Number.isNaN(v) ? 'n/a' : v.toFixed(1)}`)
      .join(', ')}`,
  );
  printProfile(r.worker.profile);
}

function printProfile(profile: Profile): void {
  const rows = Object.entries(profile).sort(([, a], [, b]) => b.ms - a.ms);
  if (rows.length === 0) return;
  console.log('  where the worker waited (sum of call durations; calls overlap when concurrent):');
  for (const [key, t] of rows.slice(0, 12)) {
    console.log(
      `    ${key.padEnd(46)} ${String(t.calls).padStart(7)} calls ${s(t.ms).padStart(9)} total, avg ${(t.ms / t.calls).toFixed(1)} ms, recent ${t.recentMs.toFixed(1)} ms, max ${t.maxMs.toFixed(0)} ms`,
    );
  }
}

// ---- the benchmark ----------------------------------------------------------------------------------------
let cleaning: Promise<void> | null = null;
// Ctrl-C: the children, the database and the Redis keys go too.
process.once('SIGINT', () => void cleanup().finally(() => process.exit(130)));
const results: string[] = [];
try {
  console.log(
    `dues reminder benchmark: ${fmt(MEMBERS)} members in ${COMMUNITIES} communities, all unpaid for ${month}; database ${ns}`,
  );
  console.log(
    `  services: FerretDB pid ${servicePids.ferretdb ?? 'not found'}, Redis pid ${servicePids.redis ?? 'not found'}`,
  );

  // Setup (not timed).
  let t = Date.now();
  const communities = await models.Community.insertMany(
    Array.from({ length: COMMUNITIES }, (_, c) => ({ code: `bench-c${c}`, name: `基准社区${c}` })),
  );
  const users: Array<{ userid: string; name: string }> = [];
  let batch: Array<Record<string, unknown>> = [];
  for (let i = 0; i < MEMBERS; i++) {
    const c = i % COMMUNITIES;
    const n = Math.floor(i / COMMUNITIES);
    const userid = `m${c}-${n}`;
    users.push({ userid, name: `党员${c}-${n}` });
    batch.push({
      _id: new Types.ObjectId(),
      communityId: communities[c]!._id,
      wecomUserId: userid,
      name: `党员${c}-${n}`,
      duesCategory: 'student',
      status: 'active',
    });
    if (batch.length === INSERT_BATCH || i === MEMBERS - 1) {
      await models.Member.insertMany(batch, { ordered: false });
      batch = [];
    }
  }
  standin.setUsers(users);
  users.length = 0;
  console.log(
    `\nsetup: ${fmt(MEMBERS)} members inserted in ${s(Date.now() - t)} (batches of ${INSERT_BATCH})`,
  );

  // dues-charges once for the month (not timed, but its time is worth knowing).
  t = Date.now();
  const charges = await startWorker('charges', chargesAt);
  const chargesStart = charges.jobStart ?? t;
  const chargesDone = await Promise.race([
    charges.exited.then(() => true),
    sleep(CHARGES_CEILING_MS).then(() => false),
  ]);
  if (chargesDone) {
    if (!charges.summary || charges.summary.startsWith('FAILED'))
      throw new Error('dues-charges did not finish');
    console.log(`dues-charges: ${s((charges.jobDone ?? Date.now()) - chargesStart)} — ${charges.summary}`);
  } else {
    charges.child.kill('SIGKILL');
    await charges.exited;
    const made = await models.DuesCharge.countDocuments({ month });
    console.log(
      `dues-charges: stopped at the ${s(CHARGES_CEILING_MS)} ceiling: ${fmt(made)} of ${fmt(MEMBERS)} charges written (${(made / (CHARGES_CEILING_MS / 1000)).toFixed(1)}/s)`,
    );
    printProfile(charges.profile);
    t = Date.now();
    const have = new Set<string>();
    for await (const c of models.DuesCharge.find({ month }, { memberId: 1 }).lean().cursor())
      have.add(String(c.memberId));
    let rest: Array<Record<string, unknown>> = [];
    let written = 0;
    const flush = async () => {
      if (rest.length > 0) await models.DuesCharge.insertMany(rest, { ordered: false });
      written += rest.length;
      rest = [];
    };
    const fields = { communityId: 1, branchId: 1, wecomUserId: 1, duesSchedule: 1 };
    for await (const m of models.Member.find({}, fields).lean().cursor()) {
      if (have.has(String(m._id))) continue;
      const { communityId, branchId, wecomUserId, duesSchedule } = m;
      rest.push({ communityId, memberId: m._id, branchId, wecomUserId, duesSchedule, month, fen: FLAT_FEN });
      if (rest.length >= INSERT_BATCH) await flush();
    }
    await flush();
    console.log(`  the bench wrote the other ${fmt(written)} charges itself in ${s(Date.now() - t)}`);
  }

  // Run 1: killed when about half the recipients have arrived.
  const run1 = await reminderRun(
    'run 1 (SIGKILLed half-way)',
    async (_w, elapsed) => {
      if (received.size >= MEMBERS / 2) return `killed at ${fmt(received.size)} recipients`;
      if (elapsed >= RUN1_CEILING_MS)
        return `killed at the ${s(RUN1_CEILING_MS)} ceiling with only ${fmt(received.size)} recipients (half not reached)`;
      return null;
    },
    true,
  );
  const dupAfterRun1 = duplicates();

  // Run 2: a fresh worker runs the job again for the same moment; wait for the rest.
  let drainedChecks = 0;
  const run2Before = received.size;
  const run2 = await reminderRun(
    'run 2 (fresh worker, same job again)',
    async (w, elapsed) => {
      if (received.size >= MEMBERS && w.jobDone) return 'every member received the reminder';
      if (elapsed >= RUN2_CEILING_MS)
        return `stopped at the ${s(RUN2_CEILING_MS)} ceiling with ${fmt(received.size)} recipients`;
      if (w.jobDone && (await outboundBacklog()) === 0) {
        if (++drainedChecks >= 8)
          return `job done and outbound queue empty with ${fmt(received.size)} recipients`;
      } else drainedChecks = 0;
      return null;
    },
    false,
  );

  const dup = duplicates();
  const all = received.size >= MEMBERS;
  const elapsed = (all ? tally.lastNewAt : run2.end) - run1.start;
  printRun(run1);
  console.log(`  duplicates after run 1: ${dupAfterRun1}`);
  printRun(run2);
  console.log(`  gap between the kill and run 2's job start: ${s(run2.start - run1.end)}`);

  const parentPeak = mb(procStatusKb('self', 'VmHWM'));
  console.log('\ntotals');
  console.log(
    `  elapsed, start of run 1's job to the last new recipient${all ? '' : ' (not all arrived: to the end of run 2)'}: ${s(elapsed)}`,
  );
  console.log(
    `  messages: ${fmt(tally.calls)} message/send calls recorded (stand-in send counter ${fmt(standin.counts().send)}, of which WeCom's duplicate check swallowed ${fmt(standin.counts().duplicatesSuppressed)}), ${fmt(tally.recipients)} recipients delivered, ${fmt(received.size)} distinct of ${fmt(MEMBERS)}; per-minute drops ${tally.dropped}, invalid ${tally.invalid}`,
  );
  console.log(`  duplicates (members who received the reminder more than once): ${dup}`);
  console.log(
    `  peak RSS: run 1 worker ${mb(run1.peakKb)} MB, run 2 worker ${mb(run2.peakKb)} MB, bench + stand-in ${parentPeak} MB`,
  );

  // Memory is flat when what the worker keeps shows no upward trend while a run sends: the most heap left
  // after a full GC in the second half of its samples is within 16 MB of the most in the first half. (The
  // instantaneous heap and RSS rise and fall with V8's collection schedule; they are printed.)
  const growth = (r: RunReport, from: number) => {
    const heap = r.samples.filter((x) => x.distinct > from && x.retainedKb > 0).map((x) => x.retainedKb);
    if (heap.length < 4) return null;
    const half = Math.floor(heap.length / 2);
    return mb(Math.max(...heap.slice(half)) - Math.max(...heap.slice(0, half)));
  };
  const growths = [growth(run1, 0), growth(run2, run2Before)].filter((g): g is number => g !== null);
  const flat = growths.length > 0 && growths.every((g) => g < 16);
  const peakRun = mb(Math.max(run1.peakKb, run2.peakKb));
  results.push(
    `  all ${fmt(MEMBERS)} handed to the stand-in: ${all ? s(elapsed) : `only ${fmt(received.size)} by ${s(elapsed)}`} (target < ${s(TARGET_MS)}) ${all && elapsed < TARGET_MS ? 'OK' : 'MISSED'}`,
    `  memory flat: worker heap kept after full GCs, growth from the first to the second half of each run ${growths.map((g) => `${g} MB`).join(', ') || 'not measured'} (target < 16 MB), worker peak RSS ${peakRun} MB ${flat ? 'OK' : 'MISSED'}`,
    `  duplicates after the kill and the second run: ${dup} (target 0) ${dup === 0 ? 'OK' : 'MISSED'}`,
  );
  console.log('\nsummary');
  for (const line of results) console.log(line);
} finally {
  await cleanup();
}

/** Once, whoever asks first (the end of the run or Ctrl-C); everyone else waits for the same cleanup. */
function cleanup(): Promise<void> {
  cleaning ??= removeEverything();
  return cleaning;
}

async function removeEverything(): Promise<void> {
  for (const child of live) child.kill('SIGKILL');
  await sleep(500);
  await deps.db.dropDatabase().catch((err) => console.error(`could not drop ${ns}: ${String(err)}`));
  await deps.close();
  const redis = new Redis(REDIS_URL);
  let deleted = 0;
  for await (const keys of redis.scanStream({ match: `${ns}:*`, count: 1000 })) {
    const list = keys as string[];
    if (list.length > 0) deleted += await redis.del(...list);
  }
  await redis.quit();
  await standin.close();
  console.log(`\ncleaned up: dropped database ${ns}, deleted ${fmt(deleted)} Redis keys under ${ns}:`);
}
