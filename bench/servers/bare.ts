import { createServer } from 'node:http';
import { openCallback } from '../../src/wecom/callback.js';
import { benchSecrets } from './bench-corp.js';

/** The baseline: a bare node:http server that only verifies, decrypts and parses — no Koa, no Redis. */
const secrets = benchSecrets();
const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const url = new URL(req.url ?? '/', 'http://x');
    try {
      openCallback(
        secrets,
        Object.fromEntries(url.searchParams),
        Buffer.concat(chunks).toString('utf8'),
        Math.floor(Date.now() / 1000),
      );
      res.writeHead(200).end('');
    } catch {
      res.writeHead(400).end('rejected');
    }
  });
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (typeof address === 'object' && address) process.send?.({ port: address.port });
});
// A clean exit on the bench's kill, so --cpu-prof (BENCH_NODE_FLAGS) writes its profile.
process.on('SIGTERM', () => process.exit(0));
