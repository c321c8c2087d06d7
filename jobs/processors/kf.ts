import { DelayedError, type Job, UnrecoverableError } from 'bullmq';
import { beforeResident, type KfConversationDeps, onKfEvent } from '../../src/kf/conversation.js';
import { type PullDeps, pullAccount } from '../../src/kf/pull.js';
import { type KfSendDeps, sendToResident } from '../../src/kf/send.js';
import { type InboundJob, type OutboundJob, OutboundJobSchema } from '../../src/queues/definitions.js';
import { KF_JOB } from '../../src/queues/queues.js';
import type { InboundMessage, OtherEvent } from '../../src/wecom/inbound.js';

/** Another puller has the account: try again after it has (probably) finished. */
const BUSY_RETRY_MS = 500;

/**
 * 微信客服 on the inbound queue: a kf_msg_or_event callback pulls its account; a pulled kf event is handled
 * here; a resident's message goes to the bot (`inner`) unless a person has the session, after anything held
 * for them. Everything else goes straight to `inner`.
 */
export function withKfInbound(
  inner: (job: Job<InboundJob>) => Promise<void>,
  deps: { pull: PullDeps; conversation: KfConversationDeps },
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
    if (!message.kf) return inner(job);
    if (message.kind === 'event') return onKfEvent(deps.conversation, message as OtherEvent);
    if (await beforeResident(deps.conversation, message)) await inner(job);
  };
}

/** Outbound jobs for residents on plain WeChat go through kf/send_msg; the rest to `inner` (message/send). */
export function withKfOutbound<R>(
  inner: (job: Job<OutboundJob>, token?: string) => Promise<R>,
  deps: KfSendDeps,
) {
  return async (job: Job<OutboundJob>, token?: string): Promise<R | undefined> => {
    if (job.name !== KF_JOB) return inner(job, token);
    const parsed = OutboundJobSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`malformed kf outbound job: ${parsed.error.message}`);
    await sendToResident(deps, job.id ?? '', parsed.data);
    return undefined;
  };
}
