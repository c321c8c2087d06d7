import type { Server } from 'node:http';
import type { Workers, WorkerTuning } from '../jobs/worker.js';
import type { Config } from './config.js';
import { type BuildOptions, buildDeps, type Deps } from './deps.js';
import { assertDevtoolsAllowed, type DevtoolsOptions } from './devtools/dev-config.js';
import type { Logger } from './logger.js';
import { createApp } from './server/app.js';

export interface Runtime {
  deps: Deps;
  /** Set when the role serves HTTP. */
  server: Server | null;
  /** Base URL of the HTTP server, e.g. http://127.0.0.1:3000. */
  url: string | null;
  workers: Workers | null;
  /** Ordered shutdown: stop taking callbacks, let workers finish their jobs, then close connections. */
  close(): Promise<void>;
}

export interface RuntimeOptions extends BuildOptions {
  workerTuning?: WorkerTuning;
  host?: string;
  /** Serves the local chat simulator at /dev (scripts/local.ts); refused when NODE_ENV=production. */
  devtools?: DevtoolsOptions;
}

/** Starts the web side, the workers, or both (`config.role`), sharing one set of deps. */
export async function startRuntime(
  config: Config,
  log: Logger,
  options: RuntimeOptions = {},
): Promise<Runtime> {
  const { devtools } = options;
  if (devtools) assertDevtoolsAllowed(config);
  const deps = await buildDeps(config, log, options);
  let server: Server | null = null;
  let url: string | null = null;
  if (config.role !== 'worker') {
    // Loaded only where used: the worker side brings every command with its charts, spreadsheets and
    // calendars, which a web process (verify, decrypt, enqueue) must not carry.
    const registerDevRoutes = devtools && (await import('./devtools/dev-routes.js')).registerDevRoutes;
    const app = createApp({
      secrets: deps.secrets,
      inbound: deps.queues.inbound,
      metrics: deps.metrics,
      log,
      now: deps.now,
      redis: deps.redis,
      db: deps.db,
      extraRoutes:
        devtools &&
        registerDevRoutes &&
        ((router) => registerDevRoutes(router, { deps, devtools, selfUrl: () => url })),
    });
    const host = options.host ?? '0.0.0.0';
    server = await new Promise<Server>((resolve, reject) => {
      const s = app.listen(config.port, host, () => resolve(s)).on('error', reject);
    });
    // WeCom waits 5 s; a slow client must not hold a socket for minutes.
    server.requestTimeout = 10_000;
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
    log.info({ url, role: config.role }, 'listening');
  }
  const workers =
    config.role !== 'web'
      ? await (await import('../jobs/worker.js')).startWorkers(deps, options.workerTuning)
      : null;

  return {
    deps,
    server,
    url,
    workers,
    async close() {
      if (server) {
        const s = server;
        await new Promise<void>((resolve) => s.close(() => resolve()));
      }
      await workers?.close();
      await deps.close();
    },
  };
}
