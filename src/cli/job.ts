/**
 * npm run job                               lists the scheduled jobs
 * npm run job -- <name> [--at <ISO time>] [--local]
 * Runs one scheduled job as if the clock said `--at` (default now), with the same code the scheduler
 * runs. Messages go to the outbound queue; a running worker (e.g. `npm run local`) delivers them.
 */
import { parseArgs } from 'node:util';
import { SCHEDULED_JOBS } from '../../jobs/scheduled/index.js';
import { runScheduledJob, UnknownJobError } from '../../jobs/scheduled/run.js';
import { ConfigError, parseConfig } from '../config.js';
import { buildDeps } from '../deps.js';
import { createLogger } from '../logger.js';
import { scriptEnv } from './env.js';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { at: { type: 'string' }, local: { type: 'boolean', default: false } },
});
const [name] = positionals;
if (!name) {
  console.log('定时任务 / scheduled jobs:');
  for (const job of SCHEDULED_JOBS)
    console.log(`  ${job.name.padEnd(24)} ${job.pattern.padEnd(14)} ${job.summary}`);
  process.exit(0);
}
const at = values.at ? new Date(values.at) : new Date();
if (Number.isNaN(at.getTime())) {
  console.error(`--at 需要 ISO 时间，例如 2026-11-15T10:00:00+08:00 / --at needs an ISO time: ${values.at}`);
  process.exit(2);
}
try {
  const config = parseConfig(scriptEnv(values.local ?? false));
  const deps = await buildDeps(config, createLogger('warn'));
  try {
    console.log(await runScheduledJob(deps, name, at));
  } finally {
    await deps.close();
  }
} catch (error) {
  if (error instanceof UnknownJobError || error instanceof ConfigError) {
    console.error(error.message);
    process.exit(2);
  }
  throw error;
}
