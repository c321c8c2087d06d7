import { Router } from '@koa/router';
import Koa from 'koa';
import type { Logger } from '../logger.js';
import { type HealthDeps, registerHealthRoutes } from './routes/health.js';
import { type CallbackRouteDeps, registerCallbackRoutes } from './routes/wecom-callback.js';

export type AppDeps = CallbackRouteDeps &
  HealthDeps & {
    log: Logger;
    /** Routes added by the caller (the local /dev simulator), after the core ones. */
    extraRoutes?: (router: Router) => void;
  };

/** The Koa app: transport only. No business logic lives here. */
export function createApp(deps: AppDeps): Koa {
  const app = new Koa({ proxy: true });
  app.use(async (ctx, next) => {
    try {
      await next();
    } catch (error) {
      deps.log.error({ err: error, path: ctx.path }, 'unhandled request error');
      ctx.status = 500;
      ctx.type = 'text/plain';
      ctx.body = 'internal_error';
    }
  });
  const router = new Router();
  registerCallbackRoutes(router, deps);
  registerHealthRoutes(router, deps);
  deps.extraRoutes?.(router);
  app.use(router.routes());
  app.use(router.allowedMethods());
  return app;
}
