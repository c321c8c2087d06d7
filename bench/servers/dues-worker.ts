import { constants, PerformanceObserver, performance } from 'node:perf_hooks';
import { runScheduledJob } from '../../jobs/scheduled/run.js';
import { localCorpConfig } from '../../src/cli/env.js';
import { buildDeps, type Deps } from '../../src/deps.js';
import { createLogger } from '../../src/logger.js';
import { startRuntime } from '../../src/runtime.js';

/**
 * One scheduled job in its own process, for bench/dues-reminders.ts, which can then SIGKILL it mid-run.
 * argv: mode, namespace (database, BullMQ prefix, Redis key prefix), stand-in URL, the job's ISO time.
 * - `charges`: deps only (no workers), runs dues-charges, exits.
 * - `reminders`: the bot's workers (ROLE=worker), delayed outbound jobs promoted as soon as they appear (the
 *   job delays sends 2–6 min away from :00), runs dues-reminders, then keeps delivering until told 'stop'.
 * Sends the parent: ready, job-start, job-done | job-failed, and every second a profile: MongoDB commands
 * by collection (driver command monitoring), WeCom message/send and Redis EVAL (the rate-limit Lua) times.
 */

const [mode, ns, standinUrl, atIso] = process.argv.slice(2);
if ((mode !== 'charges' && mode !== 'reminders') || !ns || !standinUrl || !atIso) {
  throw new Error('usage: dues-worker.js charges|reminders <namespace> <stand-in url> <ISO time>');
}
const MONGO_BASE = process.env.MONGODB_BASE ?? 'mongodb://127.0.0.1:27017';
const logLevel = process.env.BENCH_LOG_LEVEL ?? 'error';
const config = localCorpConfig(standinUrl, {
  ROLE: 'worker',
  PORT: '0',
  INTERNAL_PORT: '0',
  MONGODB_URI: `${MONGO_BASE}/${ns}?monitorCommands=true`,
  REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  LOG_LEVEL: logLevel,
});
const log = createLogger(logLevel);
const options = { queuePrefix: ns, redisKeyPrefix: `${ns}:` };

export interface Timing {
  calls: number;
  ms: number;
  maxMs: number;
  /** Exponentially weighted recent average (α = 0.1): how slow the call is now, not on average. */
  recentMs: number;
}
export type Profile = Record<string, Timing>;
export type WorkerMessage =
  | { type: 'ready' }
  | { type: 'job-start'; t: number }
  | { type: 'job-done'; t: number; summary: string }
  | { type: 'job-failed'; t: number; error: string }
  | { type: 'profile'; profile: Profile; heapUsed: number; retainedHeap: number };

const send = (m: WorkerMessage) => process.send?.(m);
// The heap right after each full GC is what the process keeps (the instantaneous heap also holds garbage
// V8 has not collected yet): it is what must stay flat while a cursor streams.
let retainedHeap = 0;
new PerformanceObserver((list) => {
  const major = list
    .getEntries()
    .some((e) => (e as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR);
  if (major) retainedHeap = process.memoryUsage().heapUsed;
}).observe({ entryTypes: ['gc'] });
const sendProfile = () =>
  send({ type: 'profile', profile, heapUsed: process.memoryUsage().heapUsed, retainedHeap });
const profile: Profile = {};
function record(key: string, ms: number): void {
  const t = profile[key] ?? { calls: 0, ms: 0, maxMs: 0, recentMs: ms };
  profile[key] = t;
  t.calls++;
  t.ms += ms;
  t.maxMs = Math.max(t.maxMs, ms);
  t.recentMs = t.recentMs * 0.9 + ms * 0.1;
}

function instrument(deps: Deps): void {
  const client = deps.db.getClient();
  const started = new Map<number, string>();
  client.on('commandStarted', (e: { requestId: number; commandName: string; command: object }) => {
    const command = e.command as Record<string, unknown>;
    // getMore names the collection under `collection`; the others under their own name.
    const target = e.commandName === 'getMore' ? command.collection : command[e.commandName];
    started.set(e.requestId, `mongo ${e.commandName} ${typeof target === 'string' ? target : ''}`.trim());
  });
  const done = (e: { requestId: number; duration: number }) => {
    const key = started.get(e.requestId);
    started.delete(e.requestId);
    if (key) record(key, e.duration);
  };
  client.on('commandSucceeded', done);
  client.on('commandFailed', done);

  const sendMessage = deps.wecom.sendMessage.bind(deps.wecom);
  deps.wecom.sendMessage = async (body) => {
    const t = performance.now();
    try {
      return await sendMessage(body);
    } finally {
      record('wecom message/send (HTTP to the stand-in)', performance.now() - t);
    }
  };
  type Eval = (...args: unknown[]) => Promise<unknown>;
  const redis = deps.redis as unknown as { eval: Eval };
  const evalScript = redis.eval.bind(deps.redis) as Eval;
  redis.eval = async (...args) => {
    const t = performance.now();
    try {
      return await evalScript(...args);
    } finally {
      record('redis EVAL (per-recipient rate limit, Lua)', performance.now() - t);
    }
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const at = new Date(atIso);

if (mode === 'charges') {
  const deps = await buildDeps(config, log, options);
  instrument(deps);
  const timer = setInterval(sendProfile, 1_000);
  send({ type: 'ready' });
  send({ type: 'job-start', t: Date.now() });
  const summary = await runScheduledJob(deps, 'dues-charges', at);
  send({ type: 'job-done', t: Date.now(), summary });
  clearInterval(timer);
  sendProfile();
  await deps.close();
  process.exit(0);
}

const runtime = await startRuntime(config, log, {
  ...options,
  // A killed worker's active jobs are picked up again once their lock expires: 10 s instead of 30 s.
  workerTuning: { lockDuration: 10_000, stalledInterval: 5_000 },
});
const { deps } = runtime;
instrument(deps);
let promoting = true;
const promoter = (async () => {
  while (promoting) {
    const t = performance.now();
    try {
      const delayed = await deps.queues.outbound.getDelayed();
      // A job may have moved on between the listing and the promote: that is fine.
      for (const job of delayed) await job.promote().catch(() => undefined);
      if (delayed.length > 0) record('bench: promote delayed outbound jobs', performance.now() - t);
    } catch {
      // Redis blip: try again on the next round.
    }
    await sleep(200);
  }
})();
const timer = setInterval(sendProfile, 1_000);
process.on('message', async (message) => {
  if (message !== 'stop') return;
  promoting = false;
  await promoter;
  clearInterval(timer);
  sendProfile();
  await runtime.close().catch(() => undefined);
  process.exit(0);
});
send({ type: 'ready' });
send({ type: 'job-start', t: Date.now() });
try {
  const summary = await runScheduledJob(deps, 'dues-reminders', at);
  send({ type: 'job-done', t: Date.now(), summary });
} catch (error) {
  send({ type: 'job-failed', t: Date.now(), error: String(error) });
}
