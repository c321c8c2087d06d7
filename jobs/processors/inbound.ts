import { type Job, UnrecoverableError } from 'bullmq';
import { type ReceiveDeps, receive } from '../../src/bot/receive.js';
import { type InboundJob, InboundJobSchema } from '../../src/queues/definitions.js';
import type { InboundMessage } from '../../src/wecom/inbound.js';

export function createInboundProcessor(deps: ReceiveDeps) {
  return async (job: Job<InboundJob>): Promise<void> => {
    const parsed = InboundJobSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`malformed inbound job: ${parsed.error.message}`);
    // The schema checks the envelope; the message itself was typed by parseInbound before it was stored.
    const message = parsed.data.message as unknown as InboundMessage;
    await receive({ ...deps, log: deps.log.child({ jobId: job.id, kind: message.kind }) }, message);
  };
}
