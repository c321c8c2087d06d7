import { type Job, type Queue, UnrecoverableError } from 'bullmq';
import type { Deps } from '../../src/deps.js';
import { type ScheduledJobData, ScheduledJobDataSchema } from '../../src/queues/definitions.js';
import { SCHEDULED_JOBS } from '../scheduled/index.js';
import { runScheduledJob } from '../scheduled/run.js';

/** Registers every scheduled job with BullMQ (idempotent: upsert by name), in the community's zone. */
export async function upsertSchedulers(queue: Queue<ScheduledJobData>, timeZone: string): Promise<void> {
  for (const job of SCHEDULED_JOBS) {
    await queue.upsertJobScheduler(
      job.name,
      { pattern: job.pattern, tz: timeZone },
      { name: job.name, data: {} },
    );
  }
}

export function createScheduledProcessor(deps: Deps) {
  return async (job: Job<ScheduledJobData>): Promise<string> => {
    const parsed = ScheduledJobDataSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`malformed scheduled job: ${parsed.error.message}`);
    // A scheduler's job is created ahead with a delay: timestamp + delay is the moment it was due.
    const at = parsed.data.at ? new Date(parsed.data.at) : new Date(job.timestamp + (job.opts.delay ?? 0));
    return runScheduledJob(deps, job.name, at);
  };
}
