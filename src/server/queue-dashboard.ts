import type Koa from 'koa';
import type { Queues } from '../queues/queues.js';

export const DASHBOARD_PATH = '/queues';

/**
 * The queue dashboard (bull-board) on the internal port: jobs waiting, active, delayed, failed and retried,
 * with their errors. Loaded on the first request, so a process nobody looks at carries none of it.
 */
export function mountQueueDashboard(app: Koa, queues: Queues): void {
  let handler: Promise<Koa.Middleware> | null = null;
  const load = async (): Promise<Koa.Middleware> => {
    const [{ createBullBoard }, { BullMQAdapter }, { KoaAdapter }] = await Promise.all([
      import('@bull-board/api'),
      import('@bull-board/api/bullMQAdapter'),
      import('@bull-board/koa'),
    ]);
    const serverAdapter = new KoaAdapter();
    createBullBoard({
      queues: Object.values(queues).map((queue) => new BullMQAdapter(queue)),
      serverAdapter,
      options: { uiConfig: { boardTitle: '党建助手 队列' } },
    });
    serverAdapter.setBasePath(DASHBOARD_PATH);
    return serverAdapter.registerPlugin();
  };
  app.use(async (ctx, next) => {
    if (ctx.path !== DASHBOARD_PATH && !ctx.path.startsWith(`${DASHBOARD_PATH}/`)) return next();
    handler ??= load();
    return (await handler)(ctx, next);
  });
}
