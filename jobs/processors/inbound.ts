import { type Job, UnrecoverableError } from 'bullmq';
import type { BotServices } from '../../src/bot/context.js';
import { receive } from '../../src/bot/receive.js';
import { type InboundJob, InboundJobSchema } from '../../src/queues/definitions.js';
import type { InboundMessage } from '../../src/wecom/inbound.js';

export function createInboundProcessor(services: BotServices) {
  return async (job: Job<InboundJob>): Promise<void> => {
    const parsed = InboundJobSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`malformed inbound job: ${parsed.error.message}`);
    // The schema checks the envelope; the message itself was typed by parseInbound before it was stored.
    const last = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    await receive(services, parsed.data.message as unknown as InboundMessage, { last });
  };
}
