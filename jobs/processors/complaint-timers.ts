import { type Job, UnrecoverableError } from 'bullmq';
import { FollowUpStore } from '../../src/bot/follow-up.js';
import { fireTimer } from '../../src/complaints/timers.js';
import type { Deps } from '../../src/deps.js';
import { type ComplaintTimerJob, ComplaintTimerJobSchema } from '../../src/queues/definitions.js';

/** A complaint's time limit came due: remind, escalate or ask for a rating — or nothing, if it moved on. */
export function createComplaintTimerProcessor(deps: Deps) {
  const followUps = new FollowUpStore(deps.redis);
  return async (job: Job<ComplaintTimerJob>): Promise<string> => {
    const parsed = ComplaintTimerJobSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`malformed complaint timer: ${parsed.error.message}`);
    return fireTimer(
      { models: deps.models, outbound: deps.queues.outbound, followUps, timeZone: deps.config.timeZone },
      parsed.data,
      deps.now(),
    );
  };
}
