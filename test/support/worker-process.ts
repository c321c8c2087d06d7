/**
 * A worker in its own process, so a test can kill it with SIGKILL mid-job as a crash would.
 * argv[2]: JSON { config, ns, production? } from a TestBot. Stall detection is shortened so another worker
 * picks up the dead one's job within seconds — unless `production` asks for the settings a deployment runs.
 */
import type { Config } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { startRuntime } from '../../src/runtime.js';

const { config, ns, production } = JSON.parse(process.argv[2] ?? '{}') as {
  config: Config;
  ns: string;
  production?: boolean;
};
await startRuntime({ ...config, role: 'worker' }, createLogger(config.logLevel), {
  queuePrefix: ns,
  redisKeyPrefix: `${ns}:`,
  ...(production ? {} : { workerTuning: { lockDuration: 2_000, stalledInterval: 1_000 } }),
});
process.send?.('ready');
