import { createLogger } from '../../src/logger.js';
import type { RedisClient } from '../../src/queues/connection.js';
import { startRuntime } from '../../src/runtime.js';
import { benchConfig } from './bench-corp.js';

/** The real webhook (Koa route + real Redis), web role only so workers do not share its CPU. */
const prefix = process.argv[2] ?? 'bench';
const runtime = await startRuntime(benchConfig('web'), createLogger('error'), {
  queuePrefix: prefix,
  host: '127.0.0.1',
});
const port = Number(new URL(runtime.url ?? 'http://x:0').port);
process.send?.({ port });
process.on('message', async (msg) => {
  if (msg === 'drain') {
    const { inbound, outbound } = runtime.deps.queues;
    await Promise.all([inbound, outbound].map((queue) => queue.obliterate({ force: true })));
    await (inbound.opts.connection as RedisClient).del(inbound.toKey('arrivals'));
    await runtime.close();
    process.send?.('drained');
    process.exit(0);
  }
});
