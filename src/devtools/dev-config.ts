import type { Config } from '../config.js';
import type { Deps } from '../deps.js';

/** One scheduled job as the time machine lists it. */
export interface ScheduledJobInfo {
  name: string;
  summary: string;
}

/** The time machine's view of the scheduled jobs: the same runner as `npm run job`, plugged in from outside. */
export interface JobRunner {
  list(): ScheduledJobInfo[];
  /** Runs `name` as if the clock read `at`; resolves to a report for the page. */
  run(name: string, at: Date): Promise<string>;
}

/** Until scheduled jobs exist, the time machine has nothing to run. */
export const noScheduledJobs: JobRunner = {
  list: () => [],
  run: (name) => Promise.reject(new Error(`no scheduled job named ${name}`)),
};

/** Turns on the local chat simulator at /dev. */
export interface DevtoolsOptions {
  /** The WeCom stand-in the bot sends through: the page reads its live feed and asks it for response codes. */
  standinUrl: string;
  /** Built from the runtime's deps (the real runner needs them); tests pass their own. */
  jobs: (deps: Deps) => JobRunner;
}

/** The simulator posts signed callbacks as anyone: it must never run against a real corp. */
export function assertDevtoolsAllowed(config: Pick<Config, 'nodeEnv'>): void {
  if (config.nodeEnv === 'production') {
    throw new Error(
      'The /dev chat simulator cannot be enabled when NODE_ENV=production (it impersonates members). ' +
        'Start without the devtools option, or use NODE_ENV=development for the local run.',
    );
  }
}
