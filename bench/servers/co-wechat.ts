import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import { corp } from './bench-corp.js';

/**
 * The second baseline: Koa 2 with node-webot's co-wechat 2.4, the established Koa way to take WeCom/WeChat
 * callbacks. It verifies, decrypts and parses (xml2js) and stores nothing; the handler answers '' at once.
 * Both are devDependencies, for this benchmark only (koa2 is Koa 2 under another name beside the bot's Koa 3).
 */
const require = createRequire(import.meta.url);
type Middleware = (ctx: unknown, next: () => Promise<void>) => Promise<void>;
const Koa = require('koa2') as new () => {
  use(middleware: Middleware): void;
  listen(port: number, host: string, ready: () => void): Server;
};
const wechat = require('co-wechat') as (config: { token: string; appid: string; encodingAESKey: string }) => {
  middleware(handle: (message: unknown) => Promise<string>): Middleware;
};

const app = new Koa();
app.use(
  wechat({ token: corp.token, appid: corp.corpId, encodingAESKey: corp.encodingAesKey }).middleware(
    async () => '',
  ),
);
const server = app.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (typeof address === 'object' && address) process.send?.({ port: address.port });
});
// A clean exit on the bench's kill, so --cpu-prof (BENCH_NODE_FLAGS) writes its profile.
process.on('SIGTERM', () => process.exit(0));
