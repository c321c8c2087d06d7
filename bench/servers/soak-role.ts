import { localCorpConfig } from '../../src/cli/env.js';
import { createLogger } from '../../src/logger.js';
import { startRuntime } from '../../src/runtime.js';

/**
 * One role of the bot for bench/soak.ts, in its own process as production runs it.
 * argv: web|worker, namespace (database, BullMQ prefix, Redis key prefix), stand-in URL, MongoDB URI.
 */
const [role, ns, standinUrl, mongodbUri] = process.argv.slice(2);
if ((role !== 'web' && role !== 'worker') || !ns || !standinUrl || !mongodbUri) {
  throw new Error('usage: soak-role.js web|worker <namespace> <stand-in url> <mongodb uri>');
}
const config = localCorpConfig(standinUrl, {
  ROLE: role,
  PORT: '0',
  INTERNAL_PORT: '0',
  MONGODB_URI: mongodbUri,
  REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'error',
});
const runtime = await startRuntime(config, createLogger(config.logLevel), {
  queuePrefix: ns,
  redisKeyPrefix: `${ns}:`,
  host: '127.0.0.1',
});
process.send?.({ url: runtime.url });
process.on('message', async (msg) => {
  if (msg === 'stop') {
    await runtime.close();
    process.exit(0);
  }
});
