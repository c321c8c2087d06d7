import type { Deps } from '../../src/deps.js';
import type { Logger } from '../../src/logger.js';

export interface ScheduledContext {
  deps: Deps;
  /** The moment the run is "as of": the scheduled time, or `--at` when run by hand. */
  at: Date;
  log: Logger;
}

/**
 * Work that happens on a calendar (charges on the 1st, reminders on the 15th …). Every run must be
 * idempotent for its period: running it twice, or after a crash half-way, sends and charges nothing new.
 */
export interface ScheduledJob {
  name: string;
  summary: string;
  /** Cron pattern, read in the community time zone (APP_TIMEZONE). */
  pattern: string;
  /** Returns one line saying what it did, for logs, `npm run job` and the /dev time machine. */
  run(ctx: ScheduledContext): Promise<string>;
}
