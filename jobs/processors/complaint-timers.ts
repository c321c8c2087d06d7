import { type Job, UnrecoverableError } from 'bullmq';
import { fireTimer } from '../../src/complaints/timers.js';
import type { Deps } from '../../src/deps.js';
import { type ComplaintTimerJob, ComplaintTimerJobSchema } from '../../src/queues/definitions.js';

/** A complaint's time limit came due: remind, escalate or ask for a rating — or nothing, if it moved on. */
export function createComplaintTimerProcessor(deps: Deps) {
  return async (job: Job<ComplaintTimerJob>): Promise<string> => {
    const parsed = ComplaintTimerJobSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`malformed complaint timer: ${parsed.error.message}`);
    return fireTimer(
      { models: deps.models, outbound: deps.queues.outbound, timeZone: deps.config.timeZone },
      parsed.data,
      deps.now(),
    );
  };
}
