import type { Server } from 'node:http';
import type { Router } from '@koa/router';
import type Koa from 'koa';
import type { Workers, WorkerTuning } from '../jobs/worker.js';
import type { Config } from './config.js';
import { type BuildOptions, buildDeps, type Deps } from './deps.js';
import type { Logger } from './logger.js';
import { createApp } from './server/app.js';
import { createInternalApp } from './server/internal.js';
import { mountQueueDashboard } from './server/queue-dashboard.js';

export interface Runtime {
  deps: Deps;
  /** Set when the role serves HTTP. */
  server: Server | null;
  /** Base URL of the HTTP server, e.g. http://127.0.0.1:3000. */
  url: string | null;
  /** Base URL of the internal port (health, readiness, metrics, queue dashboard), served by every role. */
  internalUrl: string;
  workers: Workers | null;
  /** Ordered shutdown: stop taking callbacks, let workers finish their jobs, then close connections. */
  close(): Promise<void>;
}

export interface RuntimeOptions extends BuildOptions {
  workerTuning?: WorkerTuning;
  host?: string;
  /**
   * Routes added beside the core ones: the local chat simulator (src/devtools, passed in by scripts/local.ts
   * and the tests). The runtime never imports development code, so the production build leaves it out.
   */
  routes?: RouteExtension;
}

export interface RouteExtension {
  /** Throws when these routes must not run with this configuration (the simulator under production). */
  check?(config: Config): void;
  register(router: Router, context: { deps: Deps; selfUrl: () => string | null }): void;
}

/** Starts the web side, the workers, or both (`config.role`), sharing one set of deps. */
export async function startRuntime(
  config: Config,
  log: Logger,
  options: RuntimeOptions = {},
): Promise<Runtime> {
  const { routes } = options;
  routes?.check?.(config);
  const deps = await buildDeps(config, log, options);
  let server: Server | null = null;
  let url: string | null = null;
  if (config.role !== 'worker') {
    const app = createApp({
      secrets: deps.secrets,
      inbound: deps.queues.inbound,
      metrics: deps.metrics,
      log,
      now: deps.now,
      extraRoutes: routes && ((router) => routes.register(router, { deps, selfUrl: () => url })),
    });
    ({ server, url } = await listen(app, config.port, options.host ?? '0.0.0.0'));
    // WeCom waits 5 s; a slow client must not hold a socket for minutes.
    server.requestTimeout = 10_000;
    log.info({ url, role: config.role }, 'listening');
  }
  // Loaded only where used: the worker side brings every command with its charts, spreadsheets and
  // calendars, which a web process (verify, decrypt, enqueue) must not carry.
  const workers =
    config.role !== 'web'
      ? await (await import('../jobs/worker.js')).startWorkers(deps, options.workerTuning)
      : null;

  const internalApp = createInternalApp({
    redis: deps.redis,
    db: config.role === 'web' ? null : deps.db,
    metrics: deps.metrics,
    log,
    token: config.internal.token,
    mount: (app) => mountQueueDashboard(app, deps.queues),
    ...(workers ? { workersRunning: () => workers.running() } : {}),
  });
  const internal = await listen(internalApp, config.internal.port, options.host ?? config.internal.host);
  log.info({ url: internal.url, protected: Boolean(config.internal.token) }, 'internal port listening');
  if (!config.internal.token && config.nodeEnv === 'production')
    log.warn('INTERNAL_TOKEN is not set: keep the internal port off public networks');

  return {
    deps,
    server,
    url,
    internalUrl: internal.url,
    workers,
    async close() {
      await Promise.all([server, internal.server].map((s) => s && closeServer(s)));
      await workers?.close();
      await deps.close();
    },
  };
}

async function listen(app: Koa, port: number, host: string): Promise<{ server: Server; url: string }> {
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(port, host, () => resolve(s)).on('error', reject);
  });
  const address = server.address();
  const bound = typeof address === 'object' && address ? address.port : port;
  return { server, url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${bound}` };
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}
