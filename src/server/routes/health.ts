import type { Router } from '@koa/router';
import type { Redis } from 'ioredis';
import type { Connection } from 'mongoose';
import type { Metrics } from '../../metrics.js';

export interface HealthDeps {
  redis: Redis;
  db: Connection;
  metrics: Metrics;
}

const PROBE_TIMEOUT_MS = 1_500;

async function probe(check: () => Promise<unknown>): Promise<'ok' | string> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), PROBE_TIMEOUT_MS);
      }),
    ]);
    return 'ok';
  } catch (error) {
    return (error as Error).message || 'error';
  } finally {
    clearTimeout(timer);
  }
}

export function registerHealthRoutes(router: Router, deps: HealthDeps): void {
  // Liveness: the process answers. Never touches dependencies, so a Redis outage does not restart us.
  router.get('/healthz', (ctx) => {
    ctx.body = { status: 'ok' };
  });

  router.get('/readyz', async (ctx) => {
    const [mongodb, redis] = await Promise.all([
      probe(async () => {
        const db = deps.db.db;
        if (!db) throw new Error('not connected');
        await db.admin().ping();
      }),
      probe(() => deps.redis.ping()),
    ]);
    const ready = mongodb === 'ok' && redis === 'ok';
    ctx.status = ready ? 200 : 503;
    ctx.body = { status: ready ? 'ready' : 'not_ready', mongodb, redis };
  });

  router.get('/metrics', async (ctx) => {
    ctx.type = deps.metrics.registry.contentType;
    ctx.body = await deps.metrics.registry.metrics();
  });
}
