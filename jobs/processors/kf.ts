import { DelayedError, type Job, UnrecoverableError } from 'bullmq';
import type { BotServices } from '../../src/bot/context.js';
import { receive } from '../../src/bot/receive.js';
import { beforeResident, type KfConversationDeps, onKfEvent } from '../../src/kf/conversation.js';
import { type PullDeps, pullAccount } from '../../src/kf/pull.js';
import { type KfSendDeps, sendToResident } from '../../src/kf/send.js';
import { type InboundJob, type OutboundJob, OutboundJobSchema } from '../../src/queues/definitions.js';
import { KF_JOB, orderedRecipient } from '../../src/queues/queues.js';
import { inTurn, type SenderOrder } from '../../src/queues/sender-order.js';
import type { InboundMessage, OtherEvent } from '../../src/wecom/inbound.js';

/** Another puller has the account: try again after it has (probably) finished. */
const BUSY_RETRY_MS = 500;

/**
 * 微信客服 on the inbound queue: a kf_msg_or_event callback pulls its account; a pulled kf event or message
 * is handled in its resident's turn (SenderOrder) — an event here, a message by the bot after anything held
 * for them, unless a person has the session. Everything else goes straight to `inner`.
 */
export function withKfInbound(
  inner: (job: Job<InboundJob>, token?: string) => Promise<void>,
  deps: { services: BotServices; order: SenderOrder; pull: PullDeps; conversation: KfConversationDeps },
) {
  return async (job: Job<InboundJob>, token?: string): Promise<void> => {
    const message = job.data.message as unknown as InboundMessage;
    if (message.kind === 'event' && message.event === 'kf_msg_or_event') {
      const { OpenKfId = '', Token } = (message as OtherEvent).fields;
      if ((await pullAccount(deps.pull, OpenKfId, Token)) === 'busy') {
        await job.moveToDelayed(Date.now() + BUSY_RETRY_MS, token);
        throw new DelayedError();
      }
      return;
    }
    if (!message.kf) return inner(job, token);
    const last = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    await inTurn(deps.order, message.fromUser, job, token, async () => {
      if (message.kind === 'event') return onKfEvent(deps.conversation, message as OtherEvent);
      if (await beforeResident(deps.conversation, message)) await receive(deps.services, message, { last });
    });
  };
}

/** Outbound jobs for residents on plain WeChat go through kf/send_msg (replies in order); the rest to `inner`. */
export function withKfOutbound<R>(
  inner: (job: Job<OutboundJob>, token?: string) => Promise<R>,
  deps: KfSendDeps & { order: SenderOrder },
) {
  return async (job: Job<OutboundJob>, token?: string): Promise<R | undefined> => {
    if (job.name !== KF_JOB) return inner(job, token);
    const parsed = OutboundJobSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`malformed kf outbound job: ${parsed.error.message}`);
    const send = () => sendToResident(deps, job.id ?? '', parsed.data);
    const recipient = orderedRecipient(parsed.data);
    await (recipient ? inTurn(deps.order, recipient, job, token, send) : send());
    return undefined;
  };
}
