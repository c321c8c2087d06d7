/**
 * A worker in its own process, so a test can kill it with SIGKILL mid-job as a crash would.
 * argv[2]: JSON { config, ns } from a TestBot. Stall detection is shortened so another worker
 * picks up the dead one's job within seconds instead of the production 30 s.
 */
import type { Config } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { startRuntime } from '../../src/runtime.js';

const { config, ns } = JSON.parse(process.argv[2] ?? '{}') as { config: Config; ns: string };
await startRuntime({ ...config, role: 'worker' }, createLogger(config.logLevel), {
  queuePrefix: ns,
  redisKeyPrefix: `${ns}:`,
  workerTuning: { lockDuration: 2_000, stalledInterval: 1_000 },
});
process.send?.('ready');
