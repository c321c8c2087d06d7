import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textMessageXml } from '../../src/standin/callback-client.js';
import { DisposableRedis } from '../support/redis-server.js';
import { corp, HELP_REPLY, startTestBot, type TestBot, textOf } from '../support/test-bot.js';

let redis: DisposableRedis;
let bot: TestBot;
beforeAll(async () => {
  redis = await DisposableRedis.start();
  bot = await startTestBot({ redisUrl: redis.url });
});
afterAll(async () => {
  await redis?.up().catch(() => undefined);
  await bot?.close();
  await redis?.down();
});

describe('when Redis goes away', () => {
  it('answers 503 at once (so WeCom retries), and processes the retry exactly once when Redis is back', async () => {
    const xml = textMessageXml({
      corpId: corp.corpId,
      agentId: corp.agentId,
      fromUser: 'lijianguo',
      content: '帮助',
    });

    await redis.down();
    const started = performance.now();
    const during = await bot.wecom.postXml(xml);
    expect(during.status).toBe(503);
    expect(performance.now() - started).toBeLessThan(4_000); // inside WeCom's 5 s, so WeCom sees the failure, not a timeout
    expect(bot.standin.messages({ touser: 'lijianguo' })).toHaveLength(0);

    await redis.up();
    // WeCom's retry: the same message, re-signed with a new timestamp and nonce.
    const retry = await waitForAccepted(() => bot.wecom.postXml(xml));
    expect(retry.status).toBe(200);
    const replies = await bot.messagesTo('lijianguo', 1, 15_000);
    expect(textOf(replies[0])).toMatch(HELP_REPLY);

    // A further retry of the same message changes nothing.
    expect((await bot.wecom.postXml(xml)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 500));
    expect(bot.standin.messages({ touser: 'lijianguo' })).toHaveLength(1);
  });
});

describe('when Redis dies in the middle of a burst', () => {
  it('answers each callback 200 (stored) or 503, and the retries leave every message answered once', async () => {
    const members = ['wangguilan', 'zhaoxiuying', 'chenshufen'];
    const burst = members.flatMap((fromUser) =>
      Array.from({ length: 6 }, () =>
        textMessageXml({ corpId: corp.corpId, agentId: corp.agentId, fromUser, content: '帮助' }),
      ),
    );
    // Killed while the burst is on its way: callbacks already in a Redis call, and ones still arriving.
    const posts = burst.map((xml) => bot.wecom.postXml(xml));
    await redis.down();
    const statuses = (await Promise.all(posts)).map((res) => res.status);
    for (const status of statuses) expect([200, 503]).toContain(status);

    await redis.up();
    // WeCom retries what was not acknowledged; it may also deliver an acknowledged one again.
    for (const [i, xml] of burst.entries()) {
      if (statuses[i] === 503) expect((await waitForAccepted(() => bot.wecom.postXml(xml))).status).toBe(200);
    }
    expect((await bot.wecom.postXml(burst[0]!)).status).toBe(200);
    for (const member of members) {
      const replies = await bot.messagesTo(member, 6, 20_000);
      expect(replies.map(textOf)).toEqual(Array(6).fill(expect.stringMatching(HELP_REPLY)));
    }
    await new Promise((r) => setTimeout(r, 500)); // room for a wrong seventh reply to show up
    for (const member of members) expect(bot.standin.messages({ touser: member })).toHaveLength(6);
  }, 60_000);
});

/** The producer reconnects within a second or so of Redis returning; WeCom retries over ~15 s. */
async function waitForAccepted(post: () => Promise<{ status: number }>) {
  const deadline = performance.now() + 10_000;
  for (;;) {
    const res = await post();
    if (res.status === 200 || performance.now() > deadline) return res;
    expect(res.status).toBe(503);
    await new Promise((r) => setTimeout(r, 200));
  }
}
