import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KF, KF_ACCOUNTS, kfSay, kfTexts, notify, text } from '../support/kf.js';
import { seedCommunity } from '../support/seed.js';
import { startTestBot, type TestBot, waitFor } from '../support/test-bot.js';

/**
 * Pulling 微信客服 messages: a callback carries no content, the bot reads the account with kf/sync_msg from its
 * saved cursor. Duplicate callbacks, pages that say "more" (empty ones too), an expired callback token or
 * access token, and a cursor WeCom no longer honours must neither lose a message nor handle one twice.
 */

const advance = (minutes: number) =>
  bot.clock.set(new Date(bot.clock.now().getTime() + minutes * 60_000).toISOString());

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot({
    users: ['liuqiang'],
    kfAccounts: KF_ACCOUNTS,
    at: '2026-12-07T09:00:00+08:00',
    env: { WECOM_KF_SYNC_LIMIT: '2' },
  });
  await seedCommunity(bot.runtime.deps.models);
});
afterAll(async () => {
  await bot?.close();
});

/** Until every callback's pull (a busy one retries shortly) and every message are done. */
const settle = async () => {
  await waitFor(
    () => bot.runtime.deps.queues.inbound.getJobCounts('active', 'waiting', 'delayed'),
    (c) => Object.values(c).every((n) => n === 0),
  );
  await new Promise((r) => setTimeout(r, 300));
};

describe('duplicate callbacks', () => {
  const ext = 'wmXfl7GCAAAdupDupDupDupResident01';

  it('the same callback twice, and a second callback for the same message, answer the resident once', async () => {
    const cb = bot.standin.kf.customerSays(KF, ext, text('我的反映'));
    await notify(bot, cb);
    await notify(bot, cb);
    await notify(bot, { ...cb, token: bot.standin.kf.enter(KF, 'wmXfl7GCAAAsomeoneElseEntering01').token });
    await waitFor(
      () => kfTexts(bot, ext),
      (t) => t.length >= 1,
    );
    await settle();
    expect(kfTexts(bot, ext)).toEqual([
      '您还没有反映过问题。遇到问题直接告诉我，例如「5号楼2单元下水道堵了」。',
    ]);
    expect(await bot.runtime.deps.models.KfInbox.countDocuments({ msgid: cb.msgid })).toBe(1);
  });
});

describe('a has_more chain with an empty page', () => {
  const ext = 'wmXfl7GCAAAchainChainResident0002';

  it('reads on past an empty page until has_more is 0, saving the cursor after each stored page', async () => {
    // Four messages wait; pages hold 2 (WECOM_KF_SYNC_LIMIT); the first page WeCom returns is empty.
    await settle();
    const says = ['帮助', '我的反映', '你好', '谢谢'].map((t) =>
      bot.standin.kf.customerSays(KF, ext, text(t)),
    );
    bot.standin.kf.injectEmptyPages(KF, 1);
    const calls = bot.standin.kf.syncCalls;
    await notify(bot, says.at(-1)!);
    await waitFor(
      () => kfTexts(bot, ext),
      (t) => t.length >= 4,
    );
    await settle();
    expect(kfTexts(bot, ext)).toHaveLength(4);
    expect(bot.standin.kf.syncCalls - calls).toBe(3);
    expect(
      await bot.runtime.deps.models.KfInbox.countDocuments({ msgid: { $in: says.map((s) => s.msgid) } }),
    ).toBe(4);
    const account = await bot.runtime.deps.models.KfAccount.findOne({ openKfId: KF });
    const rest = bot.standin.kf.syncMsg({ open_kfid: KF, cursor: account!.cursor }) as {
      msg_list: unknown[];
    };
    expect(rest.msg_list).toEqual([]);
  });
});

describe('tokens that expire', () => {
  const ext = 'wmXfl7GCAAAtokenTokenResident0003';

  it('a callback token older than 10 minutes: the bot pulls without it', async () => {
    const cb = bot.standin.kf.customerSays(KF, ext, text('我的反映'));
    advance(11);
    const calls = bot.standin.kf.syncCalls;
    await notify(bot, cb);
    await waitFor(
      () => kfTexts(bot, ext),
      (t) => t.length >= 1,
    );
    expect(bot.standin.kf.syncCalls - calls).toBe(2);
  });

  it('an access token WeCom revoked: fetched again, nothing lost', async () => {
    bot.standin.expireTokens();
    const before = bot.standin.counts().gettoken;
    expect(await kfSay(bot, ext, '帮助')).toHaveLength(1);
    expect(bot.standin.counts().gettoken).toBeGreaterThan(before);
  });
});

describe('a cursor lost, or older than the 3 days WeCom keeps', () => {
  const ext = 'wmXfl7GCAAAcursorCursorResident04';

  it('starts from what WeCom still holds, and handles none of it again', async () => {
    expect(await kfSay(bot, ext, '我的反映')).toHaveLength(1);
    await bot.runtime.deps.models.KfAccount.updateOne({ openKfId: KF }, { $set: { cursor: '' } });
    expect(await kfSay(bot, ext, '帮助')).toHaveLength(1);
    await bot.runtime.deps.models.KfAccount.updateOne(
      { openKfId: KF },
      { $set: { cursorAt: new Date(bot.clock.now().getTime() - 4 * 24 * 3600_000) } },
    );
    expect(await kfSay(bot, ext, '你好')).toHaveLength(1);
    await settle();
    expect(kfTexts(bot, ext)).toHaveLength(3);
    // Every resident above got exactly one answer per message, however often the log was re-read.
    expect(kfTexts(bot, 'wmXfl7GCAAAdupDupDupDupResident01')).toHaveLength(1);
    expect(kfTexts(bot, 'wmXfl7GCAAAchainChainResident0002')).toHaveLength(4);
  });
});
