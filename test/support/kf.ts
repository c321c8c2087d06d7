import type { CustomerContent, KfCallback } from '../../src/standin/fake-wecom-api.js';
import { type TestBot, textOf, waitFor } from './test-bot.js';

/** The community's 微信客服 account, as the admin console shows an open_kfid. */
export const KF = 'wkXfl7GCAAAx0Yq9Jm3nQfbS8Zr2uLdT';
export const KF_ACCOUNTS = [{ openKfId: KF, name: '幸福里社区居民服务', servicers: ['liuqiang'] }];

/** Residents on plain WeChat, as WeCom names them in a corp (external_userid). */
export const ZHANG = 'wmXfl7GCAAAkq3Zc1Dw9yPpZhangDama01';
export const LIU = 'wmXfl7GCAAAb8VtNn4Rr2LiuAyi0000002';

export const text = (content: string): CustomerContent => ({ msgtype: 'text', text: { content } });

/** What a resident read in WeChat (kf messages to them), as text. */
export const kfTexts = (bot: TestBot, ext: string): string[] =>
  bot.standin
    .messages({ touser: ext })
    .filter((m) => m.channel === 'kf')
    .map(textOf);

/** Plays WeCom: tells the bot there is something to pull on the account, with the Token the stand-in issued. */
export async function notify(bot: TestBot, cb: KfCallback): Promise<void> {
  const { status } = await bot.wecom.sendKfEvent(cb);
  if (status !== 200) throw new Error(`the webhook answered ${status} to a kf_msg_or_event callback`);
}

/** A resident writes from WeChat; returns the next `count` messages they read. */
export async function kfSay(
  bot: TestBot,
  ext: string,
  content: CustomerContent | string,
  opts: { count?: number; nickname?: string } = {},
): Promise<string[]> {
  const before = kfTexts(bot, ext).length;
  const message = typeof content === 'string' ? text(content) : content;
  await notify(bot, bot.standin.kf.customerSays(KF, ext, message, opts.nickname));
  const count = opts.count ?? 1;
  const all = await waitFor(
    () => kfTexts(bot, ext),
    (t) => t.length >= before + count,
    10_000,
    `${count} kf message(s) to ${ext}`,
  );
  return all.slice(before, before + count);
}
