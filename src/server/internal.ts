import { timingSafeEqual } from 'node:crypto';
import { Router } from '@koa/router';
import Koa from 'koa';
import type { Logger } from '../logger.js';
import { errorBoundary } from './app.js';
import { type HealthDeps, registerHealthRoutes } from './routes/health.js';

export type InternalAppDeps = HealthDeps & {
  log: Logger;
  /** When set, everything but /healthz wants `Authorization: Bearer <token>` (or Basic with it as password). */
  token: string | null;
  /** The queue dashboard, mounted by the caller (it brings its own routes and assets). */
  mount?: (app: Koa) => void;
};

function sameSecret(given: string, token: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The bearer token, or the password of Basic auth so a browser can open the dashboard. */
function presented(header: string | undefined): string {
  if (!header) return '';
  const [scheme = '', value = ''] = header.split(' ', 2);
  if (scheme.toLowerCase() === 'bearer') return value;
  if (scheme.toLowerCase() === 'basic') {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    return decoded.slice(decoded.indexOf(':') + 1);
  }
  return '';
}

/**
 * The operator's port, never published to WeCom: /healthz, /readyz, /metrics and the queue dashboard.
 * Every role serves it, so a worker with no public HTTP is still probed and scraped.
 */
export function createInternalApp(deps: InternalAppDeps): Koa {
  const app = new Koa();
  app.use(errorBoundary(deps.log));
  const { token } = deps;
  if (token) {
    app.use(async (ctx, next) => {
      if (ctx.path === '/healthz' || sameSecret(presented(ctx.get('authorization')), token)) return next();
      ctx.status = 401;
      ctx.set('WWW-Authenticate', 'Basic realm="dangjian-internal"');
      ctx.body = 'unauthorized';
    });
  }
  const router = new Router();
  registerHealthRoutes(router, deps);
  app.use(router.routes());
  app.use(router.allowedMethods());
  deps.mount?.(app);
  return app;
}
