/**
 * Soak: the bot as production runs it — the web role and the worker role in two processes with the production
 * V8 flags — against the WeCom stand-in, local Redis and FerretDB. A community of 50 members, five officers and a
 * grid writes a realistic mix of commands (activity stories, 党费交了没有, 学习日 questions, 请假/签到, complaints,
 * 我的活动; officers' 收党费 → 确认, 月报, 考勤, now and then a chart or an export: the heavy paths) at 150 req/s
 * for 60 s, every callback signed, encrypted and with its own MsgId; then waits for the worker to drain.
 * Prints: requests sent/acked, ack p50/p99, replies the stand-in took, messages answered/lost/doubled (from the
 * send ledger the worker keeps per reply and the stand-in's record), replies still held back by the bot's
 * 25-a-minute-per-person limit, web and worker peak RSS (sampled from /proc through the run), the worker's RSS
 * after the drain, and the target: worker peak < 250 MB.
 * 50 people at 150 req/s write ~180 messages a minute each, far past the 25 replies a minute the bot may send
 * one person: the handlers all run at once, most replies wait their turn in the outbound queue (that is Redis,
 * not the worker's memory). They are counted as held back, not lost.
 * Env: SOAK_SECONDS (60), SOAK_RATE (150), SOAK_MEMBERS (50), SOAK_INBOUND_DRAIN_SECONDS (900: how long the
 * worker gets to handle every message), SOAK_DRAIN_SECONDS (60: then, how long to wait for the replies that may go out), BENCH_NODE_FLAGS (added to both roles, e.g. --trace-gc), BENCH_LOG_LEVEL.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import mongoose from 'mongoose';
import { createModels } from '../src/models/index.js';
import { openQueue } from '../src/queues/queues.js';
import { WecomCallbackClient } from '../src/standin/callback-client.js';
import { startFakeWecomApi } from '../src/standin/fake-wecom-api.js';
import { textMessageXml } from '../src/standin/inbound-xml.js';
import { procStatusKb } from './proc.js';
import { corp } from './servers/bench-corp.js';
import { botNodeFlags } from './servers/node-flags.js';

const SECONDS = Number(process.env.SOAK_SECONDS ?? 60);
const RATE = Number(process.env.SOAK_RATE ?? 150);
const MEMBERS = Number(process.env.SOAK_MEMBERS ?? 50);
const DRAIN_SECONDS = Number(process.env.SOAK_DRAIN_SECONDS ?? 60);
/** How long the worker gets to handle every message after the last was sent (a busy FerretDB is slow). */
const INBOUND_DRAIN_SECONDS = Number(process.env.SOAK_INBOUND_DRAIN_SECONDS ?? 15 * 60);
const TARGET_MB = 250;
const ns = `bench_soak_${process.pid}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const load1 = () =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');
const loadAtStart = load1();

// ---- the community ---------------------------------------------------------------------------------------
const member = (i: number) => `soak${process.pid}m${String(i).padStart(3, '0')}`;
const members = Array.from({ length: MEMBERS }, (_, i) => member(i));
const officers = {
  secretary: [`soak${process.pid}shuji`, '赵书记'],
  deputy: [`soak${process.pid}fushuji`, '钱副书记'],
  organiser: [`soak${process.pid}zuzhi`, '孙组织委员'],
  organiser2: [`soak${process.pid}zuzhi2`, '李组织委员'],
  grid: [`soak${process.pid}wangge`, '周网格长'],
} as const;
const everyone = [...members, ...Object.values(officers).map(([id]) => id)];

const mongodbUri = `${process.env.MONGODB_BASE ?? 'mongodb://127.0.0.1:27017'}/${ns}`;
const db = mongoose.createConnection(mongodbUri);
const models = createModels(db);
async function seed() {
  const community = await models.Community.create({
    code: `soak-${process.pid}`,
    name: '幸福里社区',
    contactText: '请联系社区党委赵书记登记',
  });
  const communityId = community._id;
  const branch = await models.Branch.create({ communityId, name: '退休支部', kind: 'retired' });
  const grid = await models.Grid.create({
    communityId,
    code: 'G01',
    name: '幸福一网格',
    leaderUserId: officers.grid[0],
    buildings: ['1号楼', '2号楼', '3号楼', '4号楼', '5号楼'],
  });
  const base = { communityId, branchId: branch._id, duesCategory: 'retired' as const };
  await models.Member.insertMany([
    ...members.map((wecomUserId, i) => ({
      ...base,
      wecomUserId,
      name: `党员${i}`,
      roles: ['member'],
      gridId: grid._id,
      address: { building: `${(i % 5) + 1}号楼`, unit: '1单元', room: `${100 + i}` },
    })),
    {
      ...base,
      wecomUserId: officers.secretary[0],
      name: officers.secretary[1],
      roles: ['member', 'secretary'],
    },
    {
      ...base,
      wecomUserId: officers.deputy[0],
      name: officers.deputy[1],
      roles: ['member', 'deputy_secretary'],
    },
    {
      ...base,
      wecomUserId: officers.organiser[0],
      name: officers.organiser[1],
      roles: ['member', 'organiser'],
    },
    {
      ...base,
      wecomUserId: officers.organiser2[0],
      name: officers.organiser2[1],
      roles: ['member', 'organiser'],
    },
    { ...base, wecomUserId: officers.grid[0], name: officers.grid[1], roles: ['member', 'grid_leader'] },
  ]);
}

// ---- what people write -------------------------------------------------------------------------------------
const pick = <T>(xs: readonly T[], n: number): T => xs[n % xs.length]!;
const PLACES = ['3号楼王奶奶家', '社区活动室', '小区东门', '4号楼楼道', '老年食堂', '社区卫生站'];
const memberTexts: Array<[weight: number, text: (n: number) => string]> = [
  [
    30,
    (n) =>
      pick(
        [
          `昨天下午去${pick(PLACES, n)}帮忙了 前后两个多小时`,
          `今天上午和老伴一起在${pick(PLACES, n + 1)}打扫卫生 干了一个半钟头`,
          `在社区帮老人们用智能手机 教他们挂号 ${(n % 3) + 1}个小时`,
          `上午扫雪一个小时`,
          `前天晚上在${pick(PLACES, n + 2)}值班巡逻 九点到十一点`,
        ],
        n,
      ),
  ],
  [10, (n) => pick(['党费交了没有', '我的党费交到哪个月了', '老伴说帮我把党费交了 你给查查交上没有'], n)],
  [8, (n) => pick(['下次学习是哪天', '这个月啥时候开会学习', '周几学习来着 我又忘了'], n)],
  [5, (n) => pick(['下礼拜学习我去不了了 身体不舒服', '这次学习我请假 要去医院复查'], n)],
  [5, (n) => pick(['我到了', '签到'], n)],
  [
    8,
    (n) =>
      pick(
        [
          `${(n % 5) + 1}号楼2单元楼道灯坏了好几天了 晚上黑咕隆咚的`,
          '小区里有人私拉电线给电动车充电 从五楼吊下来的',
          `${(n % 5) + 1}号楼门口的井盖松了 踩上去咣当响`,
        ],
        n,
      ),
  ],
  [8, (n) => pick(['我的活动', '看下我最近记录的活动', '今年上半年我干了多少志愿'], n)],
  [3, (n) => pick(['退休人员党费怎么算', '我的积分', '考勤'], n)],
];
const officerTexts: Array<[weight: number, text: (n: number) => string[]]> = [
  [6, (n) => [`收党员${n % MEMBERS}党费 3个月 现金`, '确认']],
  [3, () => ['给书记准备个月报']],
  [3, () => ['学习出勤统计一下 今年']],
  [2, (n) => [pick(['参学率的图给我看看', '图表 网格诉求'], n)]],
  [2, (n) => [pick(['导出本月活动记录', '导出考勤', '导出居民诉求'], n)]],
  [2, () => ['当费没交的都有谁']],
];
const OFFICER_SHARE = 0.05; // officers are few and write less than the members

/** The n-th message's sender and text; officers' two-step commands come as consecutive messages. */
function* script(): Generator<{ from: string; content: string }> {
  const pending: Array<{ from: string; content: string }> = [];
  const weighted = <T>(table: Array<[number, T]>, r: number): T => {
    const total = table.reduce((a, [w]) => a + w, 0);
    let x = r * total;
    for (const [w, t] of table) {
      x -= w;
      if (x < 0) return t;
    }
    return table.at(-1)![1];
  };
  let seed = 18;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648; // deterministic: every run sends the same mix
    return seed / 2147483648;
  };
  const officerIds = Object.values(officers).map(([id]) => id);
  for (let n = 0; ; n++) {
    const next = pending.shift();
    if (next) {
      yield next;
      continue;
    }
    if (random() < OFFICER_SHARE) {
      const from = pick(officerIds, n);
      const [first, ...then] = weighted(officerTexts, random())(n);
      pending.push(...then.map((content) => ({ from, content })));
      yield { from, content: first! };
    } else {
      yield { from: pick(members, n), content: weighted(memberTexts, random())(n) };
    }
  }
}

// ---- the bot, as deployed -----------------------------------------------------------------------------------
interface Role {
  child: ChildProcess;
  url: string | null;
}
async function startRole(role: 'web' | 'worker', standinUrl: string): Promise<Role> {
  const child = fork(
    new URL('./servers/soak-role.js', import.meta.url).pathname,
    [role, ns, standinUrl, mongodbUri],
    { execArgv: botNodeFlags() },
  );
  const url = await new Promise<string | null>((resolve, reject) => {
    child.once('message', (m) => resolve((m as { url: string | null }).url));
    child.once('exit', (code) => reject(new Error(`${role} role exited with ${code}`)));
  });
  return { child, url };
}
async function stopRole(role: Role) {
  const exited = new Promise((r) => role.child.once('exit', r));
  role.child.send('stop');
  await Promise.race([exited, sleep(15_000)]);
  role.child.kill('SIGKILL');
}

const standin = await startFakeWecomApi({
  corpId: corp.corpId,
  secret: corp.secret,
  agentId: corp.agentId,
  users: everyone.map((userid) => ({ userid, name: userid })),
});
const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
const inbound = openQueue(redis, ns, 'inbound');
const outbound = openQueue(redis, ns, 'outbound');
await seed();
const web = await startRole('web', standin.url);
const worker = await startRole('worker', standin.url);
const client = new WecomCallbackClient({ ...corp, botUrl: `${web.url}/wecom/callback` });

// RSS of both roles, sampled through the run.
const peak = { web: 0, worker: 0 };
const rssMb = (role: Role) => procStatusKb(role.child.pid!, 'VmRSS') / 1024;
const sampler = setInterval(() => {
  peak.web = Math.max(peak.web, rssMb(web));
  peak.worker = Math.max(peak.worker, rssMb(worker));
}, 100);
const rssAtStart = { web: rssMb(web), worker: rssMb(worker) };

// ---- the load ------------------------------------------------------------------------------------------------
console.log(
  `soak: ${MEMBERS} members + ${Object.keys(officers).length} officers, ${RATE} req/s for ${SECONDS} s; roles started with ${botNodeFlags().join(' ')}; load average ${loadAtStart}`,
);
const sent: Array<{ msgId: string; from: string; content: string }> = [];
const acks: number[] = [];
let failed = 0;
const inFlight = new Set<Promise<void>>();
let msgSeq = BigInt(`76${String(Date.now()).slice(-10)}0000000`);
const messages = script();
const startedAt = performance.now();
const total = Math.round(RATE * SECONDS);
while (sent.length < total) {
  const due = Math.min(total, Math.floor(((performance.now() - startedAt) / 1000) * RATE));
  while (sent.length < due) {
    const { from, content } = messages.next().value!;
    const msgId = String(msgSeq++);
    sent.push({ msgId, from, content });
    const xml = textMessageXml({
      corpId: corp.corpId,
      agentId: corp.agentId,
      fromUser: from,
      content,
      msgId,
      createTime: Math.floor(Date.now() / 1000),
    });
    const t0 = performance.now();
    const p: Promise<void> = client
      .postXml(xml)
      .then(
        ({ status }) => (status === 200 ? void acks.push(performance.now() - t0) : void failed++),
        () => void failed++,
      )
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
  }
  await sleep(5);
}
await Promise.all(inFlight);
const sendSeconds = (performance.now() - startedAt) / 1000;
const peakDuringLoad = { ...peak };

// ---- the drain -----------------------------------------------------------------------------------------------
const arrivalsKey = inbound.toKey('arrivals');
const busy = async (queue: Queue, states: Array<'waiting' | 'active' | 'delayed' | 'prioritized'>) =>
  Object.values(await queue.getJobCounts(...states)).reduce((a, b) => a + b, 0);
let inboundDrainedAt = 0;
const drainDeadline = Date.now() + INBOUND_DRAIN_SECONDS * 1000;
for (;;) {
  const left =
    (await redis.xlen(arrivalsKey)) + (await busy(inbound, ['waiting', 'active', 'delayed', 'prioritized']));
  if (left === 0 || Date.now() > drainDeadline) break;
  await sleep(250);
}
inboundDrainedAt = performance.now();
// Then what may go out now: stop once only replies held back by the per-person limit remain.
const outboundDeadline = Date.now() + DRAIN_SECONDS * 1000;
while (Date.now() < outboundDeadline && (await busy(outbound, ['waiting', 'active', 'prioritized'])) > 0) {
  await sleep(250);
}
const heldBack = await busy(outbound, ['delayed']);
clearInterval(sampler);
peak.web = Math.max(peak.web, rssMb(web));
peak.worker = Math.max(peak.worker, rssMb(worker));
const workerAfterDrain = rssMb(worker);
const inboundLeft = (await redis.xlen(arrivalsKey)) + (await busy(inbound, ['waiting', 'active', 'delayed']));
const inboundFailed = (await inbound.getJobCounts('failed')).failed ?? 0;
// The worker stops before the count, so no reply is half-way between WeCom and the ledger while we look.
await stopRole(worker);

// ---- answered exactly once? ----------------------------------------------------------------------------------
// The worker records each reply part as sent (key `outbound:sent:<jobId>:<part>`, jobId `reply-msg-<MsgId>-<n>`)
// before it counts as delivered; the stand-in records every message WeCom took.
const ledger: string[] = [];
let cursor = '0';
do {
  const [next, keys] = await redis.scan(cursor, 'MATCH', `${ns}:outbound:sent:*`, 'COUNT', 1000);
  ledger.push(...keys);
  cursor = next;
} while (cursor !== '0');
const answered = new Set(ledger.map((k) => /-msg-(\d+)-/.exec(k)?.[1]).filter(Boolean));
const delayedIds = new Set(
  (await outbound.getJobs(['delayed', 'waiting', 'prioritized']))
    .map((job) => /-msg-(\d+)-/.exec(job?.id ?? '')?.[1])
    .filter(Boolean),
);
// Messages the worker has not handled yet (the drain ran out of time): late, not lost.
const unhandled = new Set(
  (await inbound.getJobs(['waiting', 'active', 'delayed', 'prioritized']))
    .map((job) => /^msg-(\d+)$/.exec(job?.id ?? '')?.[1])
    .filter(Boolean),
);
const recorded = standin.messages();
const refused = recorded.filter((m) => m.dropped.length > 0).length;
const notAnswered = sent.filter((m) => !answered.has(m.msgId));
const waiting = notAnswered.filter((m) => delayedIds.has(m.msgId)).length;
const late = notAnswered.filter((m) => !delayedIds.has(m.msgId) && unhandled.has(m.msgId)).length;
const lost = notAnswered.length - waiting - late;
const doubled = recorded.length - ledger.length; // a part WeCom took twice shows up as one more than the ledger
const quantile = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.floor(q * (xs.length - 1))] ?? NaN;

const mb = (x: number) => `${Math.round(x)} MB`;
console.log(
  `\nrequests: sent ${sent.length} in ${sendSeconds.toFixed(1)} s, acked 200 ${acks.length}, not acked ${failed}`,
);
console.log(`ack: p50 ${quantile(acks, 0.5).toFixed(1)} ms, p99 ${quantile(acks, 0.99).toFixed(1)} ms`);
console.log(
  `worker: every message handled ${((inboundDrainedAt - startedAt) / 1000).toFixed(1)} s after the first was sent; ` +
    `inbound left ${inboundLeft}, failed ${inboundFailed}`,
);
console.log(
  `replies: the stand-in took ${recorded.length} messages (${standin.counts().send} sends, refused over WeCom's 30/min: ${refused}, duplicates it dropped: ${standin.counts().duplicatesSuppressed})`,
);
console.log(
  `messages answered: ${answered.size} of ${sent.length}; held back by the 25/min-per-person limit (queued, not lost): ${waiting} (${heldBack} outbound jobs); not handled yet when the drain ran out of time: ${late}; lost ${lost}; doubled ${Math.max(0, doubled)}`,
);
console.log(
  `RSS: web start ${mb(rssAtStart.web)} peak ${mb(peak.web)}; worker start ${mb(rssAtStart.worker)}, peak during load ${mb(peakDuringLoad.worker)}, peak ${mb(peak.worker)}, after drain ${mb(workerAfterDrain)}`,
);
console.log(`load average at start ${loadAtStart}, at end ${load1()}`);
console.log(
  `worker peak RSS: ${mb(peak.worker)} (target < ${TARGET_MB} MB) ${peak.worker < TARGET_MB ? 'OK' : 'MISSED'}`,
);
if (lost > 0)
  console.log(
    `lost, first few: ${JSON.stringify(notAnswered.filter((m) => !delayedIds.has(m.msgId) && !unhandled.has(m.msgId)).slice(0, 5))}`,
  );

// ---- clean up ------------------------------------------------------------------------------------------------
await stopRole(web);
await Promise.all([inbound, outbound].map((q) => q.obliterate({ force: true }).catch(() => undefined)));
await redis.del(arrivalsKey);
cursor = '0';
do {
  const [next, keys] = await redis.scan(cursor, 'MATCH', `${ns}:*`, 'COUNT', 1000);
  if (keys.length) await redis.del(...keys);
  cursor = next;
} while (cursor !== '0');
await inbound.close();
await outbound.close();
await redis.quit();
await db.dropDatabase();
await db.close();
await standin.close();
