import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueFanout, enqueueOutbound } from '../../src/queues/queues.js';
import { PER_RECIPIENT_PER_MINUTE } from '../../src/queues/recipient-rate-limit.js';
import { HELP_REPLY, startTestBot, type TestBot, textOf, waitFor } from '../support/test-bot.js';

const MEMBERS = ['lijianguo', 'wangguilan', 'zhaoxiuying', 'chenshufen', 'sunli', 'zhouming'];
let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot({ users: MEMBERS });
});
afterAll(async () => {
  await bot?.close();
});

const outbound = () => bot.runtime.deps.queues.outbound;
const byteLength = (s: string) => Buffer.byteLength(s, 'utf8');

describe('outbound delivery', () => {
  it('refetches an access token that expired mid-conversation once, and delivers the reply once', async () => {
    await bot.wecom.sendText('lijianguo', '帮助');
    await bot.messagesTo('lijianguo', 1);
    const before = bot.standin.counts().gettoken;

    bot.standin.expireTokens();
    await bot.wecom.sendText('lijianguo', '帮助');
    const replies = await bot.messagesTo('lijianguo', 2);
    expect(replies.map(textOf)).toEqual([
      expect.stringMatching(HELP_REPLY),
      expect.stringMatching(HELP_REPLY),
    ]);
    expect(bot.standin.counts().gettoken).toBe(before + 1);
  });

  it('asks WeCom’s duplicate check for a first message, never for an identical one that must also arrive', async () => {
    // A re-sent part is dropped by WeCom only if the first send asked for the check too (worker-crash.test.ts).
    const reply = { touser: ['zhouming'], content: { type: 'text' as const, content: '您本月党费已交。' } };
    await enqueueOutbound(outbound(), 'test-reply-1', { ...reply, purpose: 'reply' });
    await enqueueOutbound(outbound(), 'test-reply-2', { ...reply, purpose: 'reply' });
    const all = await bot.messagesTo('zhouming', 2);
    expect(all.map(textOf)).toEqual(['您本月党费已交。', '您本月党费已交。']);
    expect(all.map((m) => m.body.enable_duplicate_check)).toEqual([1, undefined]);
    expect(bot.standin.counts().duplicatesSuppressed).toBe(0);
  });

  it('splits a long text on UTF-8 bytes into parts WeCom will not truncate, in order', async () => {
    const paragraph = '各位党员同志：本周六上午九点在党群服务中心二楼会议室开展主题党日活动，请准时参加。\n';
    const long = paragraph.repeat(40); // ≈ 5 KB of three-byte characters
    await enqueueOutbound(outbound(), 'test-long-text', {
      touser: ['wangguilan'],
      content: { type: 'text', content: long },
      purpose: 'notice',
    });
    const parts = await bot.messagesTo('wangguilan', 3);
    expect(parts.length).toBe(Math.ceil(byteLength(long) / 2048));
    for (const part of parts) {
      expect(byteLength(textOf(part))).toBeLessThanOrEqual(2048);
      expect(part.body).not.toHaveProperty('truncatedFrom');
    }
    expect(parts.map(textOf).join('')).toBe(long);
  });

  it('retries a job whose second part failed without sending the first part again', async () => {
    const text = '第一部分'.repeat(150) + '第二部分'.repeat(150); // 3600 bytes: two parts
    // When the first part is recorded, the next three sends answer -1: that exhausts the client's own
    // retries for the second part, so the job fails its attempt and BullMQ retries it.
    let armed = true;
    bot.standin.on('message', (m) => {
      if (armed && m.touser.includes('zhaoxiuying')) {
        armed = false;
        bot.standin.injectFault('message/send', -1, 3);
      }
    });
    await enqueueOutbound(outbound(), 'test-partial-retry', {
      touser: ['zhaoxiuying'],
      content: { type: 'text', content: text },
      purpose: 'notice',
    });
    const parts = await bot.messagesTo('zhaoxiuying', 2, 20_000);
    await new Promise((r) => setTimeout(r, 300));
    expect(bot.standin.messages({ touser: 'zhaoxiuying' })).toHaveLength(2);
    expect(parts.map(textOf).join('')).toBe(text);
    const job = await outbound().getJob('test-partial-retry');
    expect(job?.attemptsMade).toBeGreaterThanOrEqual(1);
  });

  it(`holds a member's messages past ${PER_RECIPIENT_PER_MINUTE} a minute instead of letting WeCom drop them`, async () => {
    const total = PER_RECIPIENT_PER_MINUTE + 3;
    for (let i = 0; i < total; i++) {
      await enqueueOutbound(outbound(), `test-burst-${i}`, {
        touser: ['chenshufen'],
        content: { type: 'text', content: `第${i + 1}条通知` },
        purpose: 'notice',
      });
    }
    await bot.messagesTo('chenshufen', PER_RECIPIENT_PER_MINUTE);
    const delayed = await waitFor(
      () => outbound().getDelayedCount(),
      (n) => n === 3,
      10_000,
      'three deferred jobs',
    );
    expect(delayed).toBe(3);
    const recorded = bot.standin.messages({ touser: 'chenshufen' });
    expect(recorded).toHaveLength(PER_RECIPIENT_PER_MINUTE);
    expect(recorded.every((m) => m.dropped.length === 0)).toBe(true);
  });

  it('sends a fan-out in batches of at most 1000 recipients, once even when enqueued twice', async () => {
    const people = Array.from({ length: 2300 }, (_, i) => `member${i}`);
    bot.standin.setUsers([...MEMBERS, ...people].map((userid) => ({ userid, name: userid })));
    const scheduledAt = new Date('2026-11-15T10:15:00+08:00');
    const content = { type: 'text' as const, content: '明天上午九点学习日，请准时参加。' };
    expect(
      await enqueueFanout(outbound(), 'study-2026-11-16-b01', people, content, 'reminder', scheduledAt),
    ).toBe(3);
    await enqueueFanout(outbound(), 'study-2026-11-16-b01', people, content, 'reminder', scheduledAt);
    for (const job of await outbound().getDelayed()) await job.promote();
    const sends = await waitFor(
      () => bot.standin.messages().filter((m) => textOf(m) === content.content),
      (m) => m.length >= 3,
      15_000,
      'three batches',
    );
    await new Promise((r) => setTimeout(r, 300));
    expect(bot.standin.messages().filter((m) => textOf(m) === content.content)).toHaveLength(3);
    expect(sends.map((m) => m.touser.length).sort()).toEqual([1000, 1000, 300]);
  });

  it('reports recipients WeCom could not reach (outside the app visibility)', async () => {
    await enqueueOutbound(outbound(), 'test-invalid-user', {
      touser: ['sunli', 'nobody_here'],
      content: { type: 'text', content: '通知' },
      purpose: 'notice',
    });
    const job = await waitFor(
      () => outbound().getJob('test-invalid-user'),
      (j) => j?.returnvalue != null,
      10_000,
      'job to complete',
    );
    expect(job?.returnvalue).toEqual({ parts: 1, invalidUsers: ['nobody_here'] });
    const metrics = await bot.runtime.deps.metrics.registry.getSingleMetricAsString('wecom_sends_total');
    expect(metrics).toMatch(/outcome="invalid_user"\} [1-9]/);
  });
});
