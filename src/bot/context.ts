import type { Queue } from 'bullmq';
import type { DeskSettings } from '../config.js';
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
import type { ConfirmationStore } from './pending-confirmation.js';
import type { Registry } from './registry.js';
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
  /** Sends plain text to the sender (readable in the WeChat plugin). */
  reply(text: string): Promise<void>;
}

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
    reply: (text) => replyAs(services, message, String(replies++), text),
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
