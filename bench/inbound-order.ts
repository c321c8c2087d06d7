/**
 * Inbound worker benchmark: 200 people write at once (3 messages each: 我的信息, 党费标准, 党费), and one inbound
 * worker (concurrency 16, as deployed) handles them against the local Redis and FerretDB. Run alternately with
 * the old processor (no per-person order: `receive` straight from the job) and the current one (each person's
 * messages in their line, see src/queues/sender-order.ts), in the same process and database, and prints the
 * throughput of each run and the ratio. Target: the ordered worker within 10% of the old one.
 * Also printed: what storing a message costs the webhook (BullMQ add, then the ack script of src/queues/arrivals.ts).
 * Env: BENCH_PEOPLE (200), BENCH_MESSAGES (3 per person), BENCH_ROUNDS (2 of each), BENCH_LOG_LEVEL (error).
 */
import { DelayedError, type Job, Worker } from 'bullmq';
import { createInboundProcessor } from '../jobs/processors/inbound.js';
import { receive } from '../src/bot/receive.js';
import { createBotServices } from '../src/bot/services.js';
import { localCorpConfig } from '../src/cli/env.js';
import { buildDeps } from '../src/deps.js';
import { createLogger } from '../src/logger.js';
import { ArrivalForwarder, ArrivalWriter } from '../src/queues/arrivals.js';
import { createWorkerConnection } from '../src/queues/connection.js';
import type { InboundJob } from '../src/queues/definitions.js';
import { openQueue } from '../src/queues/queues.js';
import { SenderOrder } from '../src/queues/sender-order.js';
import { startFakeWecomApi } from '../src/standin/fake-wecom-api.js';
import { textMessageXml } from '../src/standin/inbound-xml.js';
import { type InboundMessage, parseInbound } from '../src/wecom/inbound.js';
import { seedBenchCommunity } from './servers/bench-community.js';
import { corp } from './servers/bench-corp.js';

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 200);
const PER_PERSON = Number(process.env.BENCH_MESSAGES ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const TEXTS = ['我的信息', '党费标准 4200 退休', '党费'];
const ns = `bench_inbound_${process.pid}`;

const standin = await startFakeWecomApi({ corpId: corp.corpId, secret: corp.secret, agentId: corp.agentId });
const config = localCorpConfig(standin.url, {
  ROLE: 'worker',
  INTERNAL_PORT: '0',
  MONGODB_URI: `${process.env.MONGODB_BASE ?? 'mongodb://127.0.0.1:27017'}/${ns}`,
  REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'error',
});
const log = createLogger(config.logLevel);
const deps = await buildDeps(config, log, { queuePrefix: ns, redisKeyPrefix: `${ns}:` });
const { models } = deps;
const services = createBotServices(deps);
const connection = createWorkerConnection(config.redis);

// ---- 200 members of one community ----------------------------------------------------------------------
const userIds = Array.from({ length: PEOPLE }, (_, i) => `bench${String(i).padStart(4, '0')}`);
await seedBenchCommunity(models, 'bench', userIds);

let msgSeq = 7_500_000_000_000_000_000n;
/** Every person's messages, interleaved as they would arrive when everyone writes at once. */
function burst(): InboundMessage[] {
  const messages: InboundMessage[] = [];
  const createTime = Math.floor(Date.now() / 1000);
  for (let k = 0; k < PER_PERSON; k++) {
    for (const fromUser of userIds) {
      const xml = textMessageXml({
        corpId: corp.corpId,
        agentId: corp.agentId,
        fromUser,
        content: TEXTS[k % TEXTS.length] ?? '帮助',
        msgId: String(msgSeq++),
        createTime,
      });
      messages.push(parseInbound(xml));
    }
  }
  return messages;
}

type Variant = 'old (no order)' | 'ordered';

async function run(variant: Variant, round: number) {
  const base = `${ns}-${round}-${variant === 'ordered' ? 'o' : 'p'}`;
  const queue = openQueue<InboundJob>(deps.producerRedis, base, 'inbound');
  const messages = burst();
  const now = new Date();
  const arrivals = new ArrivalWriter(queue, 2_000);
  const storeStart = performance.now();
  for (const message of messages) {
    if (variant === 'ordered') await arrivals.store(message, now);
    else
      await queue.add(message.kind, { message, receivedAt: now.toISOString() }, { jobId: message.dedupeKey });
  }
  const storeMs = performance.now() - storeStart;

  const ordered = createInboundProcessor(services, new SenderOrder(connection, queue));
  let parked = 0;
  const processor =
    variant === 'ordered'
      ? async (job: Job<InboundJob>, token?: string) =>
          ordered(job, token).catch((error: unknown) => {
            if (error instanceof DelayedError) parked++;
            throw error;
          })
      : async (job: Job<InboundJob>) => receive(services, job.data.message, { last: true });
  let done = 0;
  let failed = 0;
  const start = performance.now();
  // The ordered variant is stored as the webhook stores (the arrivals stream): the forwarder hands it over.
  const forwarder = variant === 'ordered' ? new ArrivalForwarder(connection, queue, log) : null;
  const worker = new Worker<InboundJob>(queue.name, processor, {
    connection,
    prefix: queue.opts.prefix,
    concurrency: 16,
  });
  const finished = new Promise<void>((resolve) => {
    const count = () => {
      if (done + failed === messages.length) resolve();
    };
    worker.on('completed', () => {
      done++;
      count();
    });
    worker.on('failed', () => {
      failed++;
      count();
    });
  });
  worker.on('error', (err) => log.error({ err }, 'bench worker error'));
  await finished;
  const ms = performance.now() - start;
  await forwarder?.close();
  await worker.close();
  await queue.obliterate({ force: true });
  await (queue.opts.connection as typeof connection).del(queue.toKey('arrivals'));
  await queue.close();
  const perSecond = (messages.length / ms) * 1000;
  console.log(
    `${variant.padEnd(15)} round ${round}: ${messages.length} messages from ${PEOPLE} people in ${(ms / 1000).toFixed(2)} s = ${perSecond.toFixed(0)}/s` +
      ` (failed ${failed}, parked ${parked}); storing them: ${((storeMs / messages.length) * 1000).toFixed(0)} µs each`,
  );
  return perSecond;
}

const results: Record<Variant, number[]> = { 'old (no order)': [], ordered: [] };
try {
  // Warm-up: sender lookups, connections, JIT.
  await run('old (no order)', 0);
  for (let round = 1; round <= ROUNDS; round++) {
    // Alternate which goes first so a drifting machine does not favour one.
    const order: Variant[] = round % 2 ? ['old (no order)', 'ordered'] : ['ordered', 'old (no order)'];
    for (const variant of order) results[variant].push(await run(variant, round));
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const ratio = mean(results.ordered) / mean(results['old (no order)']);
  console.log(
    `\nthroughput, mean of ${ROUNDS}: old ${mean(results['old (no order)']).toFixed(0)}/s, ordered ${mean(results.ordered).toFixed(0)}/s` +
      ` → ${(ratio * 100).toFixed(1)}% of the old  ${ratio >= 0.9 ? 'OK' : 'MISSED'} (target ≥ 90%)`,
  );
} finally {
  await deps.queues.outbound.obliterate({ force: true }).catch(() => undefined);
  await deps.db.dropDatabase().catch(() => undefined);
  await connection.quit().catch(() => undefined);
  await deps.close();
  await standin.close();
}
