import type { RecordedMessage } from '../../src/standin/fake-wecom-api.js';
import type { ButtonInteractionCard } from '../../src/wecom/api/types.js';
import { type TestBot, textOf, waitFor } from './test-bot.js';

/** Helpers for complaint tests: photos, the handler's card, presses, numbers in replies. */

export const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, ...Buffer.from('JFIF complaint photo')]);

/** Sends a photo as `userId` and returns the bot's answer to it. */
export async function sendPhoto(bot: TestBot, userId: string, name = 'photo.jpg'): Promise<string> {
  const mediaId = bot.standin.putMedia(JPEG, name, 'image/jpeg');
  const before = bot.standin.messages({ touser: userId }).length;
  await bot.wecom.sendImage(userId, { mediaId });
  return textOf((await bot.messagesTo(userId, before + 1))[before]);
}

/** The complaint number a reply names, e.g. 2026-0001. */
export function numberIn(text: string): string {
  const found = /编号 (\d{4}-\d{4,})/.exec(text)?.[1];
  if (!found) throw new Error(`no complaint number in: ${text}`);
  return found;
}

export const cardsTo = (bot: TestBot, userId: string): ButtonInteractionCard[] =>
  bot.standin
    .messages({ touser: userId })
    .filter((m) => m.msgtype === 'template_card')
    .map((m) => m.body.template_card as ButtonInteractionCard);

/** Waits for the `count`-th card to `userId` and returns it. */
export async function cardTo(bot: TestBot, userId: string, count = 1): Promise<ButtonInteractionCard> {
  const cards = await waitFor(
    () => cardsTo(bot, userId),
    (c) => c.length >= count,
    10_000,
    `card ${count} to ${userId}`,
  );
  return cards[count - 1]!;
}

/** Presses the button `text` on `card` as `userId`, as WeCom delivers it, and returns the bot's answer. */
export async function press(bot: TestBot, userId: string, card: ButtonInteractionCard, text: string) {
  const button = card.button_list.find((b) => b.text === text);
  if (!button?.key) throw new Error(`no button ${text} on the card`);
  const before = bot.standin.messages({ touser: userId }).length;
  const responseCode = bot.standin.issueResponseCode(userId, card.task_id);
  await bot.wecom.sendTemplateCardEvent(userId, { eventKey: button.key, taskId: card.task_id, responseCode });
  return textOf((await bot.messagesTo(userId, before + 1))[before]);
}

/** Texts `userId` received after the first `from` messages, waiting for `count` of them. */
export async function textsAfter(bot: TestBot, userId: string, from: number, count = 1): Promise<string[]> {
  const all: RecordedMessage[] = await bot.messagesTo(userId, from + count);
  return all.slice(from).map(textOf);
}

/** Waits for `count` image messages to `userId` and returns their bytes, fetched as the recipient would. */
export async function imagesTo(bot: TestBot, userId: string, count = 1): Promise<Buffer[]> {
  const images = await waitFor(
    () => bot.standin.messages({ touser: userId }).filter((m) => m.msgtype === 'image'),
    (m) => m.length >= count,
    10_000,
    `${count} image(s) to ${userId}`,
  );
  return Promise.all(
    images.map(async (m) => {
      const { media_id } = m.body.image as { media_id: string };
      return (await bot.runtime.deps.wecom.getMedia(media_id)).data;
    }),
  );
}
