import { receive } from '../../src/bot/receive.js';
import { createBotServices } from '../../src/bot/services.js';
import { textMessageXml } from '../../src/standin/callback-client.js';
import { parseInbound } from '../../src/wecom/inbound.js';
import { corp, type TestBot } from './test-bot.js';

/** The inbound job run again on `xml`, as a job retried after its handler had written is. */
export async function handleAgain(bot: TestBot, xml: string): Promise<void> {
  await receive(createBotServices(bot.runtime.deps), parseInbound(xml));
}

/**
 * A text message delivered every way it can come twice: WeCom posts it three times (its retries), then, once
 * `replies` messages reached the sender, the inbound job runs on it again.
 */
export async function deliverRepeatedly(
  bot: TestBot,
  message: { fromUser: string; content: string; msgId: string },
  replies: number,
): Promise<void> {
  const xml = textMessageXml({ corpId: corp.corpId, agentId: corp.agentId, ...message });
  for (let i = 0; i < 3; i++) await bot.wecom.postXml(xml);
  await bot.messagesTo(message.fromUser, replies);
  await handleAgain(bot, xml);
}
