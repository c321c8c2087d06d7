/**
 * A worker process for the fault run (bench/fault-run.ts), with the production stall settings, so the run can
 * SIGKILL it mid-job. argv[2]: JSON { config, ns }.
 */
import type { Config } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { startRuntime } from '../../src/runtime.js';

const { config, ns } = JSON.parse(process.argv[2] ?? '{}') as { config: Config; ns: string };
await startRuntime({ ...config, role: 'worker' }, createLogger(config.logLevel), {
  queuePrefix: ns,
  redisKeyPrefix: `${ns}:`,
});
process.send?.('ready');
