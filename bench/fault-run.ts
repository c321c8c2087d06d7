/**
 * Fault run: the bot as deployed (webhook here, two worker processes) against the local Redis, a FerretDB of
 * its own on another port (the shared one is left alone) and the WeCom stand-in; members log activities while
 *   1. the database is killed for FAULT_DB_DOWN_S seconds (10) and started again, then
 *   2. one of the two workers is SIGKILLed the moment WeCom takes its first reply of a second burst.
 * Prints per phase: messages sent, activities recorded (lost = sent − recorded, doubled = records beyond one
 * per message), replies (doubled = more than one per message, apologies), WeCom's dropped duplicates, and for
 * phase 2 the recovery time: from the kill until the last reply held up by it was delivered.
 * Needs FerretDB's binary: FERRETDB_BIN (default .services/bin/ferretdb-v1.24.2, what scripts/services.sh builds).
 * Env: FAULT_PEOPLE (40), FAULT_MESSAGES (3 per person and phase), FAULT_MONGO_PORT (27117), FAULT_DB_DOWN_S (10).
 */
import { type ChildProcess, fork, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { localCorpConfig } from '../src/cli/env.js';
import { createLogger } from '../src/logger.js';
import { createModels } from '../src/models/index.js';
import { projectPath } from '../src/paths.js';
import { startRuntime } from '../src/runtime.js';
import { WecomCallbackClient } from '../src/standin/callback-client.js';
import { type RecordedMessage, startFakeWecomApi } from '../src/standin/fake-wecom-api.js';
import { seedBenchCommunity } from './servers/bench-community.js';
import { corp } from './servers/bench-corp.js';

const PEOPLE = Number(process.env.FAULT_PEOPLE ?? 40);
const PER_PERSON = Number(process.env.FAULT_MESSAGES ?? 3);
const MONGO_PORT = Number(process.env.FAULT_MONGO_PORT ?? 27117);
const DB_DOWN_MS = Number(process.env.FAULT_DB_DOWN_S ?? 10) * 1000;
const FERRETDB = process.env.FERRETDB_BIN ?? projectPath('.services/bin/ferretdb-v1.24.2');
const ns = `fault_${process.pid}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

// ---- a FerretDB of our own -----------------------------------------------------------------------------
const dir = mkdtempSync(join(tmpdir(), 'fault-run-'));
let ferret: ChildProcess | null = null;
const portOpen = () =>
  new Promise<boolean>((resolve) => {
    const socket = connect(MONGO_PORT, '127.0.0.1');
    socket.once('connect', () => resolve(socket.end() && true));
    socket.once('error', () => resolve(false));
  });
async function startFerret() {
  ferret = spawn(
    FERRETDB,
    [
      '--handler=sqlite',
      `--sqlite-url=file:${dir}/`,
      `--listen-addr=127.0.0.1:${MONGO_PORT}`,
      `--state-dir=${dir}`,
      '--telemetry=disable',
      '--debug-addr=-',
      '--log-level=error',
    ],
    { stdio: 'ignore' },
  );
  for (let i = 0; i < 100 && !(await portOpen()); i++) await sleep(100);
}
async function stopFerret() {
  const exited = new Promise((r) => ferret?.once('exit', r));
  ferret?.kill('SIGKILL');
  await exited;
  ferret = null;
}
if (await portOpen()) throw new Error(`port ${MONGO_PORT} is taken: set FAULT_MONGO_PORT`);
await startFerret();

// ---- the bot: webhook here, two workers in their own processes ------------------------------------------
const people = Array.from({ length: PEOPLE }, (_, i) => `fault${String(i).padStart(3, '0')}`);
const standin = await startFakeWecomApi({
  corpId: corp.corpId,
  secret: corp.secret,
  agentId: corp.agentId,
  users: people.map((userid) => ({ userid, name: userid })),
});
const config = localCorpConfig(standin.url, {
  ROLE: 'web',
  PORT: '0',
  INTERNAL_PORT: '0',
  MONGODB_URI: `mongodb://127.0.0.1:${MONGO_PORT}/fault`,
  REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  LOG_LEVEL: process.env.FAULT_LOG_LEVEL ?? 'silent',
});
const db = mongoose.createConnection(config.mongodbUri);
const models = createModels(db);
await seedBenchCommunity(models, 'fault', people);
const web = await startRuntime(config, createLogger(config.logLevel), {
  queuePrefix: ns,
  redisKeyPrefix: `${ns}:`,
  host: '127.0.0.1',
});
const client = new WecomCallbackClient({ ...corp, botUrl: `${web.url}/wecom/callback` });
const workers: ChildProcess[] = [];
async function startWorker(): Promise<ChildProcess> {
  const child = fork(projectPath('bench/servers/fault-worker.ts'), [JSON.stringify({ config, ns })], {
    execArgv: ['--import', 'tsx'],
    stdio: 'inherit',
  });
  workers.push(child);
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`worker exited early (${code})`)));
  });
  return child;
}
const [first] = [await startWorker(), await startWorker()];

// ---- the run -------------------------------------------------------------------------------------------
const delivered: Array<{ at: number; m: RecordedMessage }> = [];
standin.on('message', (m) => delivered.push({ at: Date.now(), m }));
const text = (m: RecordedMessage) => String((m.body.text as { content?: string } | undefined)?.content ?? '');
let msgSeq = 7_600_000_000_000_000_000n;

/** Each person logs `PER_PERSON` activities, everyone at once; returns the MsgIds sent. */
async function burst(phase: number): Promise<string[]> {
  const sent: string[] = [];
  await Promise.all(
    people.map(async (userId) => {
      for (let k = 0; k < PER_PERSON; k++) {
        const msgId = String(msgSeq++);
        const content = `记一下 今天去${phase * 10 + k + 1}号楼走访了半个小时`;
        for (;;) {
          // WeCom retries a callback that was not answered 200 (the webhook answers 503 without Redis).
          const { status } = await client.sendText(userId, content, { msgId });
          if (status === 200) break;
          await sleep(1_000);
        }
        sent.push(msgId);
      }
    }),
  );
  return sent;
}

async function settle(expected: number, from: number, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const replies = delivered.slice(from).filter((d) => /已记录|没有办成|出了点问题/.test(text(d.m)));
    if (replies.length >= expected) break;
    await sleep(200);
  }
  await sleep(3_000); // anything doubled arrives now
}

async function report(name: string, sent: string[], from: number, extra = '') {
  const recorded = await models.Activity.find({ sourceMsgId: { $in: sent } }, { sourceMsgId: 1 }).lean();
  const distinct = new Set(recorded.map((a) => a.sourceMsgId));
  const replies = delivered.slice(from).map((d) => text(d.m));
  const confirmations = replies.filter((t) => t.startsWith('已记录')).length;
  const apologies = replies.filter((t) => /没有办成|出了点问题/.test(t)).length;
  console.log(
    `${name}: sent ${sent.length}, recorded ${distinct.size}, lost ${sent.length - distinct.size}, ` +
      `doubled records ${recorded.length - distinct.size}; replies ${confirmations} confirmations ` +
      `(doubled ${Math.max(0, confirmations - sent.length)}), ${apologies} apologies; ` +
      `WeCom dropped ${standin.counts().duplicatesSuppressed} re-sent duplicates${extra}`,
  );
}

try {
  // Phase 1: the database goes away for a while in the middle of a burst.
  const start1 = delivered.length;
  const sending = burst(1);
  await sleep(300);
  await stopFerret();
  const downAt = Date.now();
  await sleep(DB_DOWN_MS);
  await startFerret();
  const upAt = Date.now();
  const sent1 = await sending;
  await settle(sent1.length, start1, 180_000);
  const lastReply1 = delivered.at(-1)?.at ?? upAt;
  await report(
    `database down ${s(upAt - downAt)}`,
    sent1,
    start1,
    `; last reply ${s(lastReply1 - upAt)} after it was back`,
  );

  // Phase 2: a worker dies the moment WeCom takes one of its replies (before it can record the send).
  const start2 = delivered.length;
  let killedAt = 0;
  standin.on('message', () => {
    if (killedAt === 0 && delivered.length > start2) {
      killedAt = Date.now();
      first?.kill('SIGKILL');
    }
  });
  const sent2 = await burst(2);
  await settle(sent2.length, start2, 120_000);
  const lastReply2 = delivered.at(-1)?.at ?? killedAt;
  await report(
    'worker killed mid-send',
    sent2,
    start2,
    `; recovery: last held-up reply ${s(lastReply2 - killedAt)} after the kill`,
  );
} finally {
  for (const w of workers) w.kill('SIGKILL');
  await web.deps.queues.inbound.obliterate({ force: true }).catch(() => undefined);
  await web.deps.queues.outbound.obliterate({ force: true }).catch(() => undefined);
  await web.close();
  await db.close();
  await standin.close();
  await stopFerret();
  rmSync(dir, { recursive: true, force: true });
}
