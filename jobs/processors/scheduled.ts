import { type Job, type Queue, UnrecoverableError } from 'bullmq';
import type { Deps } from '../../src/deps.js';
import type { Logger } from '../../src/logger.js';
import { type ScheduledJobData, ScheduledJobDataSchema } from '../../src/queues/definitions.js';
import { SCHEDULED_JOBS } from '../scheduled/index.js';
import { runScheduledJob } from '../scheduled/run.js';

/**
 * Makes Redis hold exactly the scheduled jobs this code defines, in the community's zone: each one upserted
 * by name, and any scheduler left from a job since renamed or removed deleted (it would keep firing).
 * Returns the names removed.
 */
export async function reconcileSchedulers(
  queue: Queue<ScheduledJobData>,
  timeZone: string,
  log: Pick<Logger, 'warn'>,
): Promise<string[]> {
  for (const job of SCHEDULED_JOBS) {
    await queue.upsertJobScheduler(
      job.name,
      { pattern: job.pattern, tz: timeZone },
      { name: job.name, data: {} },
    );
  }
  const defined = new Set(SCHEDULED_JOBS.map((job) => job.name));
  const stale = (await queue.getJobSchedulers()).map((s) => s.key).filter((key) => !defined.has(key));
  for (const key of stale) await queue.removeJobScheduler(key);
  if (stale.length > 0) log.warn({ removed: stale }, 'removed schedulers no longer defined in code');
  return stale;
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
