import type { IncomingMessage, ServerResponse } from 'node:http';
import { Router } from '@koa/router';
import Koa from 'koa';
import type { Logger } from '../logger.js';
import { type CallbackRouteDeps, callbackDelivery, registerCallbackRoutes } from './routes/wecom-callback.js';

export type AppDeps = CallbackRouteDeps & {
  log: Logger;
  /** Routes added by the caller (the local /dev simulator), after the core ones. */
  extraRoutes?: (router: Router) => void;
};

/** Answers 500 for anything a route let escape, and logs it once. */
export function errorBoundary(log: Logger): Koa.Middleware {
  return async (ctx, next) => {
    try {
      await next();
    } catch (error) {
      log.error({ err: error, path: ctx.path }, 'unhandled request error');
      ctx.status = 500;
      ctx.type = 'text/plain';
      ctx.body = 'internal_error';
    }
  };
}

/** The public app WeCom talks to: the callback and nothing an outsider should read. Transport only. */
export function createApp(deps: AppDeps): Koa {
  const app = new Koa({ proxy: true });
  app.use(errorBoundary(deps.log));
  const router = new Router();
  registerCallbackRoutes(router, deps);
  deps.extraRoutes?.(router);
  app.use(router.routes());
  app.use(router.allowedMethods());
  // Callback deliveries are answered before Koa builds a context for them; everything else goes to Koa.
  const delivery = callbackDelivery(deps);
  const koaCallback = app.callback.bind(app);
  app.callback = () => {
    const koa = koaCallback();
    return (req, res) =>
      delivery(req as IncomingMessage, res as ServerResponse) ? Promise.resolve() : koa(req, res);
  };
  return app;
}
