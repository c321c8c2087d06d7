import type { Queue } from 'bullmq';
import type { Logger } from '../logger.js';
import type { OutboundJob } from '../queues/definitions.js';
import { enqueueOutbound } from '../queues/queues.js';
import type { InboundMessage } from '../wecom/inbound.js';
import { replyFor } from './replies.js';

export interface ReceiveDeps {
  outbound: Queue<OutboundJob>;
  log: Logger;
}

/**
 * Handles one inbound message. Replies get a job id derived from the message's dedupe key, so a
 * retried inbound job enqueues nothing new.
 */
export async function receive(deps: ReceiveDeps, message: InboundMessage): Promise<void> {
  const reply = replyFor(message);
  if (reply === null || message.fromUser === '' || message.fromUser === 'sys') {
    deps.log.debug({ dedupeKey: message.dedupeKey, kind: message.kind }, 'no reply needed');
    return;
  }
  await enqueueOutbound(deps.outbound, `reply-${message.dedupeKey}`, {
    touser: [message.fromUser],
    content: { type: 'text', content: reply },
    purpose: 'reply',
  });
}
