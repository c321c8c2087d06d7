import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import type { RedisClient } from '../../src/queues/connection.js';
import { type Runtime, startRuntime } from '../../src/runtime.js';
import { HELP_REPLY, startTestBot, type TestBot, textOf, waitFor } from '../support/test-bot.js';

/**
 * The webhook acknowledges once a callback is in the arrivals stream; a forwarder in the worker role turns it
 * into an inbound job. Whatever dies in between — no worker at all, a forwarder that read entries and died, a
 * forwarder that added the job and died before acknowledging the entry — every message is answered once.
 */
let bot: TestBot;
let worker: Runtime | undefined;
let redis: RedisClient;
let arrivals: string;

beforeAll(async () => {
  bot = await startTestBot({ role: 'web' }); // the webhook only: nothing forwards until the test starts a worker
  const { inbound } = bot.runtime.deps.queues;
  redis = inbound.opts.connection as RedisClient;
  arrivals = inbound.toKey('arrivals');
});
afterAll(async () => {
  await worker?.close();
  await bot?.close();
});

const startWorker = () =>
  startRuntime({ ...bot.config, role: 'worker' }, createLogger(bot.config.logLevel), {
    queuePrefix: bot.ns,
    redisKeyPrefix: `${bot.ns}:`,
    host: '127.0.0.1',
  });

describe('between the durable write and the hand-over to the worker', () => {
  it('loses nothing when the worker is down, or its forwarder died after reading', async () => {
    expect((await bot.wecom.sendText('lijianguo', '帮助')).status).toBe(200);
    expect((await bot.wecom.sendText('wangguilan', '帮助')).status).toBe(200);
    expect((await bot.wecom.sendText('zhaoxiuying', '帮助')).status).toBe(200);
    expect(await redis.xlen(arrivals)).toBe(3);

    // A forwarder takes the first arrival and dies before adding its job: the entry is left pending to it.
    await redis.xgroup('CREATE', arrivals, 'forwarders', '0', 'MKSTREAM');
    const read = await redis.xreadgroup(
      'GROUP',
      'forwarders',
      'forwarder-dead',
      'COUNT',
      1,
      'STREAMS',
      arrivals,
      '>',
    );
    expect(read).toHaveLength(1);
    const counts = await bot.runtime.deps.queues.inbound.getJobCounts();
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(0); // stored, acknowledged, not yet a job
    const [[, fields]] = (await redis.xrange(arrivals, '-', '+')).slice(-1) as [[string, string[]]];

    worker = await startWorker();
    for (const user of ['lijianguo', 'wangguilan', 'zhaoxiuying']) {
      const [reply] = await bot.messagesTo(user, 1, 15_000);
      expect(textOf(reply)).toMatch(HELP_REPLY);
    }
    await waitFor(
      () => redis.xlen(arrivals),
      (n) => n === 0,
      5_000,
      'the stream to empty',
    );
    const [pending] = (await redis.xpending(arrivals, 'forwarders')) as [number];
    expect(pending).toBe(0);

    // A forwarder that added zhaoxiuying's job and died before acknowledging: the entry comes round again.
    expect(fields[fields.indexOf('data') + 1]).toContain('zhaoxiuying');
    await redis.xadd(arrivals, '*', ...fields);
    await waitFor(
      () => redis.xlen(arrivals),
      (n) => n === 0,
      5_000,
      'the repeated entry to be forwarded',
    );
    await new Promise((r) => setTimeout(r, 1_000)); // room for a wrong second reply to show up
    for (const user of ['lijianguo', 'wangguilan', 'zhaoxiuying'])
      expect(bot.standin.messages({ touser: user })).toHaveLength(1);
  }, 40_000);
});
