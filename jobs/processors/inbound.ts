import { type Job, UnrecoverableError } from 'bullmq';
import type { BotServices } from '../../src/bot/context.js';
import { receive } from '../../src/bot/receive.js';
import { type InboundJob, InboundJobSchema } from '../../src/queues/definitions.js';
import { inTurn, type SenderOrder } from '../../src/queues/sender-order.js';
import type { InboundMessage } from '../../src/wecom/inbound.js';

/** One person's messages are handled one at a time, in the order they were stored (see SenderOrder). */
export function createInboundProcessor(services: BotServices, order: SenderOrder) {
  return async (job: Job<InboundJob>, token?: string): Promise<void> => {
    const parsed = InboundJobSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`malformed inbound job: ${parsed.error.message}`);
    // The schema checks the envelope; the message itself was typed by parseInbound before it was stored.
    const message = parsed.data.message as unknown as InboundMessage;
    const last = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    await inTurn(order, message.fromUser, job, token, () => receive(services, message, { last }));
  };
}
