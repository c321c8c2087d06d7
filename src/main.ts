import { existsSync } from 'node:fs';
import { ConfigError, parseConfig } from './config.js';
import { createLogger } from './logger.js';
import { startRuntime } from './runtime.js';

/** Composition root: `ROLE=web|worker|all` (default all) decides what this process runs. */
async function main(): Promise<void> {
  // A local .env is a convenience for `npm start`; containers pass real environment variables.
  if (existsSync('.env')) process.loadEnvFile('.env');
  let config: ReturnType<typeof parseConfig>;
  try {
    config = parseConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const log = createLogger(config.logLevel);
  const runtime = await startRuntime(config, log);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      log.error('shutdown took over 25 s; exiting anyway');
      process.exit(1);
    }, 25_000);
    force.unref();
    await runtime.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
