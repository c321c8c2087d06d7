import { createLogger } from '../../src/logger.js';
import { startRuntime } from '../../src/runtime.js';
import { benchConfig } from './bench-corp.js';

/** The worker role on the web role's queues: forwards what the webhook stored and runs the jobs. */
const prefix = process.argv[2] ?? 'bench';
const runtime = await startRuntime(benchConfig('worker'), createLogger('error'), {
  queuePrefix: prefix,
  host: '127.0.0.1',
});
process.send?.({ port: 0 });
process.on('message', async (msg) => {
  if (msg === 'drain') {
    await runtime.close();
    process.exit(0);
  }
});
