import { templateCardEventXml, textMessageXml } from '../../src/standin/inbound-xml.js';
import { corp, startTestBot, type TestBot, type TestBotOptions, textOf, waitFor } from './test-bot.js';

/**
 * A test bot whose clock the test moves: the bot, its webhook's timestamp check and the callbacks sent to it all
 * read the same time, so a test can stand at 18:45 on a study day. (BullMQ and Redis keep real time.)
 */
export interface ClockedBot {
  bot: TestBot;
  set(iso: string): void;
  now(): Date;
  /** Sends a text as `userId` at the clock's time; returns the bot's next message to them. */
  say(userId: string, text: string): Promise<string>;
  /** Presses a card button as `userId`: a template_card_event with a fresh ResponseCode; returns it and the reply. */
  press(
    userId: string,
    p: { eventKey: string; taskId: string },
  ): Promise<{ responseCode: string; reply: string }>;
  /** Sends delayed outbound jobs (reminders wait a few minutes past the hour) now. */
  flush(): Promise<void>;
}

export async function startClockedBot(start: string, options: TestBotOptions = {}): Promise<ClockedBot> {
  const bot = await startTestBot({ ...options, at: start });
  const { clock } = bot;
  const { seconds } = clock;
  const base = (fromUser: string) => ({
    corpId: corp.corpId,
    agentId: corp.agentId,
    fromUser,
    createTime: seconds(),
  });

  async function post(userId: string, xml: string, what: string): Promise<string> {
    const before = bot.standin.messages({ touser: userId }).length;
    const { status } = await bot.wecom.postXml(xml, { timestamp: seconds() });
    if (status !== 200) throw new Error(`the webhook answered ${status} to ${userId}'s ${what}`);
    const messages = await waitFor(
      () => bot.standin.messages({ touser: userId }),
      (m) => m.length > before,
      10_000,
      `a reply to ${userId}'s ${what}`,
    );
    return textOf(messages[before]);
  }

  return {
    bot,
    set: clock.set,
    now: clock.now,
    say: (userId, text) => post(userId, textMessageXml({ ...base(userId), content: text }), `"${text}"`),
    async press(userId, p) {
      const responseCode = bot.standin.issueResponseCode(userId, p.taskId);
      const xml = templateCardEventXml({ ...base(userId), ...p, responseCode });
      return { responseCode, reply: await post(userId, xml, `press of ${p.eventKey}`) };
    },
    async flush() {
      for (const job of await bot.runtime.deps.queues.outbound.getDelayed()) await job.promote();
    },
  };
}
