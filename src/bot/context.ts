import type { Queue } from 'bullmq';
import type { DeskSettings } from '../config.js';
import { ownWords } from '../domain/text/normalise.js';
import { splitPages } from '../domain/text/pages.js';
import type { Logger } from '../logger.js';
import type { Models } from '../models/index.js';
import type { RedisClient } from '../queues/connection.js';
import type { ComplaintTimerJob, OutboundJob } from '../queues/definitions.js';
import { enqueueOutbound } from '../queues/queues.js';
import type { WecomApi } from '../wecom/api/client.js';
import type { InboundMessage } from '../wecom/inbound.js';
import type { DialogueStore } from './dialogue.js';
import type { FollowUpStore } from './follow-up.js';
import type { HeldMediaStore } from './held-media.js';
import type { PageStore } from './pages.js';
import type { ConfirmationStore } from './pending-confirmation.js';
import type { Registry } from './registry.js';
import { OFFICER_ROLES } from './route.js';
import type { Sender, SenderResolver } from './sender.js';

/** Built once per process and shared by every message. */
export interface BotServices {
  models: Models;
  redis: RedisClient;
  outbound: Queue<OutboundJob>;
  /** Delayed jobs for complaints' time limits. */
  complaintTimers: Queue<ComplaintTimerJob>;
  wecom: WecomApi;
  log: Logger;
  now: () => Date;
  registry: Registry;
  senders: SenderResolver;
  dialogues: DialogueStore;
  /** What the bot asked someone outside a conversation (「请您评价」), read against their next message. */
  followUps: FollowUpStore;
  held: HeldMediaStore;
  confirmations: ConfirmationStore;
  /** The rest of a long reply to someone who reads on a phone screen, for 「更多」. */
  pages: PageStore;
  /** Zone for people we cannot place in a community. */
  defaultTimeZone: string;
  /** 党务公开 cadence and the points rule table. */
  desk: DeskSettings;
}

/** Everything a handler needs for one message. Handlers never see Koa, BullMQ jobs or process.env. */
export interface BotContext {
  message: InboundMessage;
  sender: Sender;
  services: BotServices;
  log: Logger;
  now: Date;
  timeZone: string;
  /**
   * Sends plain text to the sender (readable in the WeChat plugin). To members and residents, a text longer than a
   * phone screen goes one screen at a time: the first now, the rest kept for 「更多」.
   */
  reply(text: string): Promise<void>;
  /**
   * The person's own characters for text the parsers read folded (normaliseText: ？ → ?): what is stored and
   * passed on to others (a complaint, a note, a reason) is what they typed, in this message or, through `said`,
   * the earlier ones of the conversation.
   */
  ownWords(text: string): string;
  /** The person's own words in the earlier messages of a conversation (PendingDialogue.said): ownWords reads them too. */
  said: string;
}

/** Officers work from long lists (月报, 名单) and export them; everyone else reads one phone screen at a time. */
export const readsScreens = (sender: Sender): boolean =>
  sender.kind !== 'member' || !sender.roles.some((r) => OFFICER_ROLES.includes(r));

export function createContext(services: BotServices, message: InboundMessage, sender: Sender): BotContext {
  let replies = 0;
  const timeZone = sender.community?.timeZone ?? services.defaultTimeZone;
  return {
    message,
    sender,
    services,
    log: services.log.child({ dedupeKey: message.dedupeKey, userId: message.fromUser }),
    now: services.now(),
    timeZone,
    async reply(text) {
      const slot = String(replies++);
      if (!readsScreens(sender)) return replyAs(services, message, slot, text);
      const [first = text, ...rest] = splitPages(text);
      if (rest.length > 0) await services.pages.keep(message.fromUser, rest);
      await replyAs(services, message, slot, first);
    },
    said: '',
    ownWords(text) {
      return ownWords(text, `${this.said} ${message.kind === 'text' ? message.content : ''}`);
    },
  };
}

/**
 * Enqueues a reply to the sender. The job id is derived from the message and `slot`: a retried inbound job
 * enqueues the same ids, which BullMQ ignores, so a reply sent before a failure is not sent again.
 */
export async function replyAs(
  services: Pick<BotServices, 'outbound'>,
  message: InboundMessage,
  slot: string,
  text: string,
): Promise<void> {
  await enqueueOutbound(services.outbound, `reply-${message.dedupeKey}-${slot}`, {
    touser: [message.fromUser],
    content: { type: 'text', content: text },
    purpose: 'reply',
  });
}
