import type { Deps } from '../../src/deps.js';
import { SCHEDULED_JOBS } from './index.js';

export class UnknownJobError extends Error {
  constructor(name: string) {
    super(
      `没有名为「${name}」的定时任务 / no scheduled job named "${name}". 可用 / available: ${SCHEDULED_JOBS.map((j) => j.name).join(', ')}`,
    );
    this.name = 'UnknownJobError';
  }
}

/** Runs one scheduled job as of `at`: the same code path for the scheduler, `npm run job` and /dev. */
export async function runScheduledJob(deps: Deps, name: string, at: Date): Promise<string> {
  const job = SCHEDULED_JOBS.find((j) => j.name === name);
  if (!job) throw new UnknownJobError(name);
  const log = deps.log.child({ scheduledJob: name, at: at.toISOString() });
  const summary = await job.run({ deps, at, log });
  log.info({ summary }, 'scheduled job done');
  return summary;
}
