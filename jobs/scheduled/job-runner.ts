import type { Deps } from '../../src/deps.js';
import type { JobRunner } from '../../src/devtools/dev-config.js';
import { SCHEDULED_JOBS } from './index.js';
import { runScheduledJob } from './run.js';

/** The /dev time machine's view of the real scheduled jobs, run exactly as `npm run job` runs them. */
export const scheduledJobRunner = (deps: Deps): JobRunner => ({
  list: () => SCHEDULED_JOBS.map(({ name, summary }) => ({ name, summary })),
  run: (name, at) => runScheduledJob(deps, name, at),
});
