/**
 * Webhook benchmark: signed, encrypted text callbacks against the real route with real Redis, and the same
 * load against a bare node:http server that only verifies and decrypts, measured in the same run.
 * Prints ack p50/p99 at fixed rates, peak throughput, the ratio to the baseline, and the server's peak RSS.
 * Targets (2 cores): p99 < 20 ms at 500 req/s, peak ≥ 50% of the bare server, RSS < 200 MB.
 * Env: BENCH_RATE_SECONDS, BENCH_PEAK_SECONDS, BENCH_PEAK_ROUNDS; BENCH_NODE_FLAGS are passed to both servers
 * (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to see where the time goes).
 */
import { type ChildProcess, fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { textMessageXml, WecomCallbackClient } from '../src/standin/callback-client.js';
import { corp } from './servers/bench-corp.js';

const RATES = [250, 500];
const RATE_SECONDS = Number(process.env.BENCH_RATE_SECONDS ?? 10);
const PEAK_SECONDS = Number(process.env.BENCH_PEAK_SECONDS ?? 8);
const PEAK_ROUNDS = Number(process.env.BENCH_PEAK_ROUNDS ?? 3);
const POOL = 60_000; // distinct MsgIds: every request is a new message, none collapse onto an existing job

interface Server {
  child: ChildProcess;
  port: number;
}

async function startServer(script: string, args: string[] = []): Promise<Server> {
  // Compiled JavaScript, as in production: a TypeScript loader would add its own thread and memory.
  const child = fork(new URL(script, import.meta.url).pathname, args, {
    execArgv: (process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean),
  });
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

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function stop(server: Server): Promise<void> {
  server.child.send('drain');
  await new Promise((resolve) => server.child.once('exit', resolve));
}

const pool = requestPool();
console.log(
  `callback benchmark: ${pool.length} distinct signed callbacks, ${RATE_SECONDS}s per rate, peak ${PEAK_ROUNDS}×${PEAK_SECONDS}s (median)`,
);
const servers = {
  bare: await startServer('./servers/bare.js'),
  bot: await startServer('./servers/bot-web.js', [`bench-${process.pid}`]),
};
const names = {
  bare: 'bare node:http verify + decrypt (baseline)',
  bot: 'bot webhook (Koa + BullMQ enqueue on real Redis)',
};
type Name = keyof typeof servers;
const report: Record<
  Name,
  {
    rates: Array<{ rate: number; p50: number; p99: number; bad: number; total: number }>;
    peaks: number[];
    bad: number;
  }
> = {
  bare: { rates: [], peaks: [], bad: 0 },
  bot: { rates: [], peaks: [], bad: 0 },
};
for (const name of ['bare', 'bot'] as const) {
  await load(servers[name].port, pool, 2); // warm-up: JIT, connection pools
  for (const rate of RATES)
    report[name].rates.push({ rate, ...(await load(servers[name].port, pool, RATE_SECONDS, rate)) });
}
// Peak rounds alternate between the two so a noisy moment on the machine does not favour one side.
for (let round = 0; round < PEAK_ROUNDS; round++) {
  for (const name of ['bare', 'bot'] as const) {
    const peak = await load(servers[name].port, pool, PEAK_SECONDS);
    report[name].peaks.push(peak.rps);
    report[name].bad += peak.bad;
  }
}
const rss = { bare: peakRssMb(servers.bare.child.pid!), bot: peakRssMb(servers.bot.child.pid!) };
await stop(servers.bot);
servers.bare.child.kill();

for (const name of ['bare', 'bot'] as const) {
  console.log(`\n${names[name]}`);
  for (const r of report[name].rates) {
    console.log(`  ${r.rate} req/s: p50 ${r.p50} ms, p99 ${r.p99} ms, non-2xx/errors ${r.bad} of ${r.total}`);
  }
  const peaks = report[name].peaks.map(Math.round);
  console.log(
    `  peak: median ${median(peaks)} req/s (rounds ${peaks.join(', ')}; non-2xx/errors ${report[name].bad}), peak RSS ${rss[name]} MB`,
  );
}
const at500 = report.bot.rates.find((r) => r.rate === 500)!;
const ratio = median(report.bot.peaks) / median(report.bare.peaks);
console.log('\nsummary');
console.log(`  ack p99 at 500 req/s: ${at500.p99} ms (target < 20 ms) ${at500.p99 < 20 ? 'OK' : 'MISSED'}`);
console.log(
  `  peak throughput: ${Math.round(median(report.bot.peaks))} vs ${Math.round(median(report.bare.peaks))} req/s = ${(ratio * 100).toFixed(0)}% of bare (target ≥ 50%) ${ratio >= 0.5 ? 'OK' : 'MISSED'}`,
);
console.log(`  bot peak RSS: ${rss.bot} MB (target < 200 MB) ${rss.bot < 200 ? 'OK' : 'MISSED'}`);
