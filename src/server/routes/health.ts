import type { Router } from '@koa/router';
import type { Connection } from 'mongoose';
import type { Metrics } from '../../metrics.js';
import type { RedisClient } from '../../queues/connection.js';

export interface HealthDeps {
  redis: RedisClient;
  /** Absent where the role does not use MongoDB (web acks with Redis alone). */
  db: Connection | null;
  metrics: Metrics;
  /** The worker role's liveness: every BullMQ worker still running. Absent for the web role. */
  workersRunning?: () => boolean;
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

function pingMongo(db: Connection): Promise<unknown> {
  if (!db.db) return Promise.reject(new Error('not connected'));
  return db.db.admin().ping();
}

/**
 * The operator's probes, on the internal port. Liveness: the web process answers whatever Redis does (an
 * outage must not restart it); a worker is alive while its BullMQ workers run and Redis answers.
 * Readiness: what the role needs to do its work — Redis for web, Redis and MongoDB for workers.
 */
export function registerHealthRoutes(router: Router, deps: HealthDeps): void {
  router.get('/healthz', async (ctx) => {
    const { workersRunning } = deps;
    if (!workersRunning) {
      ctx.body = { status: 'ok' };
      return;
    }
    const [workers, redis] = [workersRunning() ? 'ok' : 'stopped', await probe(() => deps.redis.ping())];
    const alive = workers === 'ok' && redis === 'ok';
    ctx.status = alive ? 200 : 503;
    ctx.body = { status: alive ? 'ok' : 'unhealthy', workers, redis };
  });

  router.get('/readyz', async (ctx) => {
    const { db } = deps;
    const [redis, mongodb] = await Promise.all([
      probe(() => deps.redis.ping()),
      db ? probe(() => pingMongo(db)) : Promise.resolve(undefined),
    ]);
    const ready = redis === 'ok' && (mongodb === undefined || mongodb === 'ok');
    ctx.status = ready ? 200 : 503;
    ctx.body = {
      status: ready ? 'ready' : 'not_ready',
      ...(mongodb === undefined ? {} : { mongodb }),
      redis,
    };
  });

  router.get('/metrics', async (ctx) => {
    ctx.type = deps.metrics.registry.contentType;
    ctx.body = await deps.metrics.registry.metrics();
  });
}
