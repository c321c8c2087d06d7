import type { RecordedMessage } from '../../src/standin/fake-wecom-api.js';
import type { ClockedBot } from './clocked-bot.js';

/** Sends a text and returns the `count` messages it brings (a caption, then the image or file). */
export async function ask(
  c: ClockedBot,
  userId: string,
  text: string,
  count: number,
): Promise<RecordedMessage[]> {
  const before = c.bot.standin.messages({ touser: userId }).length;
  await c.say(userId, text);
  return (await c.bot.messagesTo(userId, before + count)).slice(before);
}

/** The lines of one 【section】 of a 月报 or 党务公开 text. */
export function reportSection(report: string, title: string): string[] {
  const lines = report.split('\n');
  const start = lines.indexOf(`【${title}】`);
  const end = lines.findIndex((l, i) => i > start && l.startsWith('【'));
  return lines.slice(start + 1, end === -1 ? undefined : end);
}
