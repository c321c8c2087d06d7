import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { numberIn } from '../support/complaints.js';
import { KF, KF_ACCOUNTS, kfSay, kfTexts, notify } from '../support/kf.js';
import { seedCommunity } from '../support/seed.js';
import { startTestBot, type TestBot, textOf, waitFor } from '../support/test-bot.js';

/**
 * kf only lets the app answer: within 48 hours of the resident's last message, at most 5 messages per message
 * of theirs. What cannot go is kept, the handler hears the resident has not been reached, and it all arrives,
 * in order, the next time the resident writes. A delivery WeChat reports failed (msg_send_fail) is kept too.
 */

const at = (iso: string) => bot.clock.set(iso);

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot({ users: ['liuqiang'], kfAccounts: KF_ACCOUNTS, at: '2026-12-07T09:00:00+08:00' });
  await seedCommunity(bot.runtime.deps.models);
});
afterAll(async () => {
  await bot?.close();
});

const say = (ext: string, text: string, count = 1) => kfSay(bot, ext, text, { count });

/** The grid leader's command in the app, signed at the test's time; returns the new messages to them that match. */
async function handler(text: string, answer: RegExp): Promise<string[]> {
  const before = bot.standin.messages({ touser: 'liuqiang' }).length;
  const { status } = await bot.wecom.sendText('liuqiang', text);
  expect(status).toBe(200);
  return (
    await waitFor(
      () => bot.standin.messages({ touser: 'liuqiang' }).slice(before).map(textOf),
      (t) => t.some((m) => answer.test(m)),
      10_000,
      `${answer}`,
    )
  ).filter((m) => answer.test(m));
}

describe('the 48-hour window', () => {
  const ext = 'wmXfl7GCAAAwindowResidentZhao0001';
  let number = '';

  it('two steps taken 49 and 50 hours after the resident last wrote are kept, and the handler is told', async () => {
    number = numberIn((await say(ext, '5号楼2单元下水道堵了 返水'))[0]!);
    const before = kfTexts(bot, ext).length;
    at('2026-12-09T10:00:00+08:00');
    await handler(`受理 ${number}`, /^已受理/);
    const [unreached] = await handler(`补充 ${number} 已联系物业，明天上午疏通`, /还没能告诉反映人/);
    expect(unreached).toBe(
      `诉求 ${number} 的最新消息还没能告诉反映人：居民通过微信客服反映，他已超过48小时没有来消息，暂时不能给他发消息。他下次发消息时会自动转告；急事请电话联系。`,
    );
    await waitFor(
      () => bot.runtime.deps.models.KfOutbox.countDocuments({ externalUserId: ext, state: 'held' }),
      (n) => n === 2,
    );
    expect(kfTexts(bot, ext)).toHaveLength(before);
  });

  it('when the resident writes again, the kept messages come first, in order, then the answer', async () => {
    at('2026-12-09T18:00:00+08:00');
    const [held, answer] = await say(ext, '我的反映', 2);
    expect(held).toMatch(/^之前有2条消息没能发给您：\n\n/);
    const accepted = held!.indexOf(`您反映的 ${number}（下水道堵塞，5号楼2单元）已受理`);
    const progress = held!.indexOf(`您反映的 ${number}（下水道堵塞，5号楼2单元）有新进展：已联系物业`);
    expect(accepted).toBeGreaterThan(0);
    expect(progress).toBeGreaterThan(accepted);
    expect(answer).toContain(`${number} 下水道堵塞`);
    expect(
      await bot.runtime.deps.models.KfOutbox.countDocuments({ externalUserId: ext, state: 'held' }),
    ).toBe(0);
  });
});

describe('at most 5 messages per resident message', () => {
  const ext = 'wmXfl7GCAAAlimitResidentQian00002';

  it('the sixth message after one of theirs is kept for their next one', async () => {
    at('2026-12-10T09:00:00+08:00');
    const number = numberIn((await say(ext, '6号楼门口路灯坏了'))[0]!);
    for (const n of [1, 2, 3, 4]) await handler(`补充 ${number} 第${n}次进展`, /^已/);
    await waitFor(
      () => kfTexts(bot, ext),
      (t) => t.length === 5,
    );
    const [unreached] = await handler(`补充 ${number} 第5次进展`, /还没能告诉反映人/);
    expect(unreached).toContain('他上次来消息后已连续收到5条回复');
    expect(kfTexts(bot, ext)).toHaveLength(5);
    expect(bot.standin.kf.session(KF, ext)?.sentSince).toBe(5);

    at('2026-12-10T09:05:00+08:00');
    const [held] = await say(ext, '好的 谢谢', 2);
    expect(held).toMatch(/^之前有一条消息没能发给您：\n\n您反映的 .+有补充说明：第5次进展/);
  });
});

describe('a delivery WeChat reports failed', () => {
  const ext = 'wmXfl7GCAAAfailResidentSun0000003';

  it('msg_send_fail keeps the message, tells the handler, and it goes with the resident’s next message', async () => {
    at('2026-12-11T09:00:00+08:00');
    const number = numberIn((await say(ext, '6号楼3单元下水道堵了'))[0]!);
    await handler(`受理 ${number}`, /^已受理/);
    const accepted = await waitFor(
      () => bot.standin.kf.sentTo(ext),
      (m) => m.length === 2,
    );
    // The resident rejected messages from the account (fail_type 10) just as this one went.
    await notify(bot, bot.standin.kf.failDelivery(accepted[1]!.msgid, 10));
    const [unreached] = await handler('我的信息', /还没能告诉反映人/);
    expect(unreached).toContain(
      `诉求 ${number} 的最新消息还没能告诉反映人：居民通过微信客服反映，微信未能送达`,
    );

    const [held] = await say(ext, '请问处理了吗', 2);
    expect(held).toContain(`您反映的 ${number}（`);
    expect(held).toContain('已受理');
  });
});
