import { SCHEDULED_JOBS } from '../../jobs/scheduled/index.js';
import { runScheduledJob } from '../../jobs/scheduled/run.js';
import type { Deps } from '../deps.js';
import type { JobRunner } from './dev-config.js';

/** The /dev time machine's view of the real scheduled jobs, run exactly as `npm run job` runs them. */
export const scheduledJobRunner = (deps: Deps): JobRunner => ({
  list: () => SCHEDULED_JOBS.map(({ name, summary }) => ({ name, summary })),
  run: (name, at) => runScheduledJob(deps, name, at),
});
