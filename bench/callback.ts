/**
 * Webhook benchmark: signed, encrypted text callbacks against the real route with real Redis, and the same
 * load against a bare node:http server that only verifies and decrypts, measured in the same run.
 * Prints ack p50/p99 at fixed rates, peak throughput, the ratio to the baseline, and the server's peak RSS.
 * Targets (2 cores): p99 < 20 ms at 500 req/s, peak ≥ 50% of the bare server, RSS < 200 MB.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { textMessageXml, WecomCallbackClient } from '../src/standin/callback-client.js';
import { corp } from './servers/bench-corp.js';

const RATES = [250, 500];
const RATE_SECONDS = Number(process.env.BENCH_RATE_SECONDS ?? 10);
const PEAK_SECONDS = Number(process.env.BENCH_PEAK_SECONDS ?? 10);
const POOL = 60_000; // distinct MsgIds: every request is a new message, none collapse onto an existing job

interface Server {
  child: ChildProcess;
  port: number;
}

async function startServer(script: string, args: string[] = []): Promise<Server> {
  // Compiled JavaScript, as in production: a TypeScript loader would add its own thread and memory.
  const child = fork(new URL(script, import.meta.url).pathname, args);
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m) => resolve((m as { port: number }).port));
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
  return { child, port };
}

function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

function requestPool(): Array<{ path: string; body: string }> {
  const client = new WecomCallbackClient({ ...corp, botUrl: 'http://127.0.0.1/wecom/callback' });
  const pool: Array<{ path: string; body: string }> = [];
  for (let i = 0; i < POOL; i++) {
    const msgId = `7459035${String(Date.now()).slice(-6)}${String(i).padStart(6, '0')}`;
    const xml = textMessageXml({
      corpId: corp.corpId,
      agentId: corp.agentId,
      fromUser: `member${i % 150}`,
      createTime: Math.floor(Date.now() / 1000),
      content: '昨天下午去3号楼王奶奶家走访了两个小时',
      msgId,
    });
    const { query, body } = client.buildPost(xml);
    pool.push({ path: `/wecom/callback?${new URLSearchParams(query)}`, body });
  }
  return pool;
}

async function load(
  port: number,
  pool: Array<{ path: string; body: string }>,
  seconds: number,
  rate?: number,
) {
  let next = 0;
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    method: 'POST',
    headers: { 'content-type': 'text/xml' },
    connections: rate ? 20 : 50,
    duration: seconds,
    ...(rate ? { overallRate: rate } : {}),
    requests: [
      {
        setupRequest: (req) => {
          const r = pool[next++ % pool.length]!;
          return { ...req, path: r.path, body: r.body };
        },
      },
    ],
  });
  const bad = result.non2xx + result.errors + result.timeouts;
  return {
    p50: result.latency.p50,
    p99: result.latency.p99,
    rps: result.requests.average,
    bad,
    total: result.requests.total,
  };
}

async function measure(
  name: string,
  script: string,
  pool: Array<{ path: string; body: string }>,
  args: string[] = [],
) {
  const server = await startServer(script, args);
  await load(server.port, pool, 2); // warm-up: JIT, connection pools
  const rates = [];
  for (const rate of RATES) rates.push({ rate, ...(await load(server.port, pool, RATE_SECONDS, rate)) });
  const peak = await load(server.port, pool, PEAK_SECONDS);
  const rss = peakRssMb(server.child.pid!);
  if (script.includes('bot-web')) {
    server.child.send('drain');
    await new Promise((resolve) => server.child.once('exit', resolve));
  } else {
    server.child.kill();
  }
  console.log(`\n${name}`);
  for (const r of rates) {
    console.log(`  ${r.rate} req/s: p50 ${r.p50} ms, p99 ${r.p99} ms, non-2xx/errors ${r.bad} of ${r.total}`);
  }
  console.log(
    `  peak: ${Math.round(peak.rps)} req/s (p99 ${peak.p99} ms, non-2xx/errors ${peak.bad}), peak RSS ${rss} MB`,
  );
  return { rates, peak, rss };
}

const pool = requestPool();
console.log(
  `callback benchmark: ${pool.length} distinct signed callbacks, ${RATE_SECONDS}s per rate, ${PEAK_SECONDS}s peak`,
);
const bare = await measure('bare node:http verify + decrypt (baseline)', './servers/bare.js', pool);
const bot = await measure('bot webhook (Koa + BullMQ enqueue on real Redis)', './servers/bot-web.js', pool, [
  `bench-${process.pid}`,
]);
const at500 = bot.rates.find((r) => r.rate === 500)!;
console.log('\nsummary');
console.log(`  ack p99 at 500 req/s: ${at500.p99} ms (target < 20 ms) ${at500.p99 < 20 ? 'OK' : 'MISSED'}`);
const ratio = bot.peak.rps / bare.peak.rps;
console.log(
  `  peak throughput: ${Math.round(bot.peak.rps)} vs ${Math.round(bare.peak.rps)} req/s = ${(ratio * 100).toFixed(0)}% of bare (target ≥ 50%) ${ratio >= 0.5 ? 'OK' : 'MISSED'}`,
);
console.log(`  bot peak RSS: ${bot.rss} MB (target < 200 MB) ${bot.rss < 200 ? 'OK' : 'MISSED'}`);
