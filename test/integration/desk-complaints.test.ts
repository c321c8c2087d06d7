import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import type { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPLY } from '../../src/bot/replies.js';
import { type Category, categoryLabel } from '../../src/domain/complaints/categories.js';
import { RULES, type State, type Step } from '../../src/domain/complaints/lifecycle.js';
import type { Rating } from '../../src/domain/complaints/rating.js';
import { DEFAULT_SLA, startClocks, tierOf } from '../../src/domain/complaints/sla.js';
import type { ComplaintHistoryEntry } from '../../src/models/complaint.js';
import { projectPath } from '../../src/paths.js';
import { type ClockedBot, startClockedBot } from '../support/clocked-bot.js';
import { ask as askBot, reportSection } from '../support/desk.js';
import { inspectPng } from '../support/png.js';
import { seedCommunity } from '../support/seed.js';
import { textOf } from '../support/test-bot.js';
import { mediaOf, readWorkbook, rowsBy, rowValues } from '../support/xlsx.js';

/**
 * The secretary's desk over residents' complaints, through the real webhook at 2026-11-21 10:00: a month of
 * complaints in 幸福三网格 (led by 刘强, 居民第一支部), 幸福五网格 (led by 王海, 退休支部) and one with no grid
 * (community staff), written as the lifecycle leaves them, with known answers for the 月报, the chart and the
 * complaints spreadsheet — and the reporter's name and phone only for those the privacy rules allow.
 */
const NOW = '2026-11-21T10:00:00+08:00';

const PEOPLE = {
  zhangxiumei: { kind: 'resident', name: '张秀梅', phone: '13911112222' },
  liguohua: { kind: 'resident', name: '李国华', phone: '13622223333' },
  sunjianping: { kind: 'resident', name: '孙建平', phone: null },
  wangguilan: { kind: 'member', name: '王桂兰', phone: '13800001234' },
} as const;
const HANDLERS = { liuqiang: '刘强', wanghai: '王海', sunli: '孙丽' } as const;

interface Fixture {
  seq: number;
  by: keyof typeof PEOPLE;
  category: Category;
  urgent?: boolean;
  description: string;
  where: { building: string; unit?: string } | { place: string };
  grid: 'G03' | 'G05' | null;
  handler: keyof typeof HANDLERS;
  reported: string;
  /** What happened after the report, in order: the step, when (+08:00), and its note. */
  steps: Array<[Step, string, string?]>;
  rating?: [Rating, string];
  duplicateOf?: number;
}

const FIXTURE: Fixture[] = [
  {
    seq: 90,
    by: 'zhangxiumei',
    category: 'drain',
    description: '5号楼门口下水井返水',
    where: { building: '5号楼' },
    grid: 'G03',
    handler: 'liuqiang',
    reported: '2026-10-28T08:00',
    steps: [
      ['accept', '2026-10-28T08:30'],
      ['resolve', '2026-10-29T10:00', '已清掏'],
      ['rate', '2026-10-29T18:00'],
    ],
    rating: ['满意', ''],
  },
  {
    seq: 101,
    by: 'zhangxiumei',
    category: 'drain',
    description: '5号楼2单元下水道堵了，一楼返水',
    where: { building: '5号楼', unit: '2单元' },
    grid: 'G03',
    handler: 'liuqiang',
    reported: '2026-11-02T09:00',
    steps: [
      ['accept', '2026-11-02T09:40'],
      ['resolve', '2026-11-03T15:00', '已疏通下水道，恢复正常'],
      ['rate', '2026-11-04T10:00'],
    ],
    rating: ['满意', '修得很快'],
  },
  {
    seq: 102,
    by: 'wangguilan',
    category: 'leak',
    description: '6号楼顶楼漏雨，墙皮脱落',
    where: { building: '6号楼' },
    grid: 'G03',
    handler: 'liuqiang',
    reported: '2026-11-05T20:00',
    steps: [
      ['accept', '2026-11-05T23:30'],
      ['progress', '2026-11-06T10:00', '已联系物业，申请维修资金'],
    ],
  },
  {
    seq: 103,
    by: 'liguohua',
    category: 'lighting',
    description: '9号楼楼道灯不亮',
    where: { building: '9号楼' },
    grid: 'G05',
    handler: 'wanghai',
    reported: '2026-11-08T10:00',
    steps: [
      ['accept', '2026-11-08T10:30'],
      ['resolve', '2026-11-09T16:00', '已更换楼道灯'],
    ],
  },
  {
    seq: 104,
    by: 'liguohua',
    category: 'noise',
    description: '10号楼楼下饭馆半夜吵',
    where: { building: '10号楼' },
    grid: 'G05',
    handler: 'wanghai',
    reported: '2026-11-10T21:00',
    steps: [['reject', '2026-11-10T22:00', '属于派出所管辖，已告知拨打110']],
  },
  {
    seq: 105,
    by: 'sunjianping',
    category: 'lighting',
    description: '9号楼楼道黑',
    where: { building: '9号楼' },
    grid: 'G05',
    handler: 'wanghai',
    reported: '2026-11-08T18:00',
    steps: [['mark_duplicate', '2026-11-08T18:30', '2026-0103']],
    duplicateOf: 103,
  },
  {
    seq: 106,
    by: 'zhangxiumei',
    category: 'sanitation',
    description: '社区广场垃圾三天没清',
    where: { place: '社区广场' },
    grid: null,
    handler: 'sunli',
    reported: '2026-11-20T07:30',
    steps: [],
  },
  {
    seq: 107,
    by: 'liguohua',
    category: 'drain',
    urgent: true,
    description: '6号楼化粪井冒了，很急',
    where: { building: '6号楼' },
    grid: 'G03',
    handler: 'liuqiang',
    reported: '2026-11-15T08:00',
    steps: [
      ['accept', '2026-11-15T08:20'],
      ['resolve', '2026-11-15T12:00', '已抽排清理'],
      ['rate', '2026-11-15T18:00'],
    ],
    rating: ['基本满意', ''],
  },
];

let c: ClockedBot;
const models = () => c.bot.runtime.deps.models;
const at = (local: string) => new Date(`${local}:00+08:00`);
const number = (seq: number) => `2026-${String(seq).padStart(4, '0')}`;

/** Writes the fixture as the lifecycle would have left it: state, clocks and history from its steps. */
async function seedComplaints(communityId: Types.ObjectId, grids: Record<'G03' | 'G05', Types.ObjectId>) {
  const residents = new Map<string, Types.ObjectId>();
  for (const [userId, p] of Object.entries(PEOPLE)) {
    if (p.kind !== 'resident') continue;
    const r = await models().Resident.create({
      communityId,
      wecomUserId: userId,
      name: p.name,
      phone: p.phone,
    });
    residents.set(userId, r._id);
  }
  const wangguilan = (await models().Member.findOne({ wecomUserId: 'wangguilan' }))!._id;
  const ids = new Map<number, Types.ObjectId>();
  for (const f of FIXTURE) {
    const person = PEOPLE[f.by];
    const reported = at(f.reported);
    const tier = tierOf(f.category, f.urgent ?? false);
    let state: State = 'pending';
    const history: Array<Omit<ComplaintHistoryEntry, 'photos'>> = [
      {
        version: 1,
        step: 'report',
        from: null,
        to: state,
        byUserId: f.by,
        byName: person.name,
        at: reported,
        note: '',
      },
    ];
    for (const [step, when, note = ''] of f.steps) {
      const to: State = RULES[step].to ?? state;
      const byUserId: string = step === 'rate' ? f.by : f.handler;
      const byName: string = step === 'rate' ? person.name : HANDLERS[f.handler];
      history.push({
        version: history.length + 1,
        step,
        from: state,
        to,
        byUserId,
        byName,
        at: at(when),
        note,
      });
      state = to;
    }
    const firstAnswer = f.steps.find(([step]) => RULES[step].responds);
    const resolve = f.steps.findLast(([step]) => step === 'resolve');
    const doc = await models().Complaint.create({
      communityId,
      number: number(f.seq),
      year: 2026,
      seq: f.seq,
      month: f.reported.slice(0, 7),
      sourceKey: `fixture-${f.seq}`,
      reporter: {
        userId: f.by,
        kind: person.kind,
        personId: person.kind === 'member' ? wangguilan : residents.get(f.by)!,
        name: person.name,
        phone: person.phone,
      },
      category: f.category,
      urgent: f.urgent ?? false,
      tier,
      description: f.description,
      building: 'building' in f.where ? f.where.building : null,
      unit: 'building' in f.where ? (f.where.unit ?? null) : null,
      room: null,
      place: 'place' in f.where ? f.where.place : null,
      location: null,
      gridId: f.grid ? grids[f.grid] : null,
      handlerUserId: f.handler,
      handlerName: HANDLERS[f.handler],
      state,
      duplicateOf: f.duplicateOf ? ids.get(f.duplicateOf) : null,
      duplicateOfNumber: f.duplicateOf ? number(f.duplicateOf) : null,
      subscribers: [f.by],
      history,
      version: history.length,
      ...startClocks(reported, tier, DEFAULT_SLA),
      respondedAt: firstAnswer ? at(firstAnswer[1]) : null,
      resolvedAt: resolve ? at(resolve[1]) : null,
      rating: f.rating?.[0] ?? null,
      ratingComment: f.rating?.[1] ?? '',
    });
    ids.set(f.seq, doc._id);
  }
}

beforeAll(async () => {
  c = await startClockedBot(NOW, {
    users: ['lijianguo', 'zhaoxiuying', 'zhouming', 'sunli', 'wangguilan', 'liuqiang'],
  });
  const seeded = await seedCommunity(models());
  const communityId = seeded.community._id;
  // 王海 (退休支部) leads 幸福五网格, as retired members often do.
  await models().Member.updateOne({ wecomUserId: 'wanghai' }, { $set: { roles: ['member', 'grid_leader'] } });
  const g05 = await models().Grid.create({
    communityId,
    code: 'G05',
    name: '幸福五网格',
    leaderUserId: 'wanghai',
    buildings: ['9号楼', '10号楼'],
  });
  await seedComplaints(communityId, {
    G03: seeded.grid._id,
    G05: g05._id,
  });
}, 60_000);
afterAll(async () => {
  await c?.bot.close();
});

const ask = (userId: string, text: string, count: number) => askBot(c, userId, text, count);
const section = reportSection;

describe('月报: complaints', () => {
  it('gives the community the month’s complaints and the three rates', async () => {
    // November: 6 received (the duplicate is counted on 2026-0103); answered in time: 0101, 0103, 0104, 0107
    // (0102 late, 0106 not answered past its 2 h); resolved 0101, 0103, 0107 of 5 (0104 rejected); both rated
    // satisfied. Open: 0102 in progress, 0106 pending.
    expect(section(await c.say('zhouming', '月报'), '群众诉求')).toEqual([
      '收到6件，已办结3件，在办2件',
      '响应率66.7%（4/6），办结率60%（3/5），满意率100%（2/2）',
      '按网格：G03 幸福三网格 3件；G05 幸福五网格 2件；未分网格 1件',
      '主要类别：下水道堵塞2件；房屋漏水1件；路灯楼道灯1件',
    ]);
  });

  it('gives a branch the grids its members lead and the complaints they handle, and says so', async () => {
    // 退休支部: 王海's 幸福五网格 — 0103 resolved, 0104 rejected (both answered in time), 0105 a duplicate.
    expect(section(await c.say('zhaoxiuying', '月报'), '群众诉求')).toEqual([
      '收到2件，已办结1件，在办0件',
      '响应率100%（2/2），办结率100%（1/1），满意率—（0/0）',
      '按网格：G05 幸福五网格 2件',
      '主要类别：路灯楼道灯1件；噪声扰民1件',
      '（按本支部党员负责的网格和承办的诉求统计）',
    ]);
    // 居民第一支部: 刘强's 幸福三网格, and 0106 handled by 孙丽.
    expect(section(await c.say('lijianguo', '月报'), '群众诉求').slice(0, 2)).toEqual([
      '收到4件，已办结2件，在办2件',
      '响应率50%（2/4），办结率50%（2/4），满意率100%（2/2）',
    ]);
    expect(section(await c.say('lijianguo', '月报 上个月'), '群众诉求')[0]).toBe(
      '收到1件，已办结1件，在办0件',
    );
  });

  it('puts the rates, and nobody’s name, in the 党务公开 notice', async () => {
    const notice = await c.say('zhaoxiuying', '党务公开 本月');
    expect(section(notice, '群众诉求')[0]).toBe(
      '收到本支部党员负责的居民诉求2件，已办结1件；响应率100%，办结率100%，满意率—。',
    );
    expect(notice).not.toMatch(/李国华|孙建平|王海/);
  });
});

describe('the complaints chart', () => {
  it('draws the last 3 months by grid, stacked by category', async () => {
    const [caption, image] = await ask('zhouming', '图表 诉求', 2);
    expect(textOf(caption)).toBe(
      '居民诉求 · 2026年9月–11月（全社区）：收到7件；G03 幸福三网格 4件，G05 幸福五网格 2件，未分网格 1件；类别最多的是下水道堵塞3件、房屋漏水1件、路灯楼道灯1件。图见下。',
    );
    expect(image?.msgtype).toBe('image');
    const found = inspectPng((await mediaOf(c.bot, image)).data);
    expect(found).toMatchObject({ width: 1600, height: 900 });
    expect(found.colours).toBeGreaterThan(50);
    expect(found.inked).toBeGreaterThan(0.05);
  });
});

describe('the complaints spreadsheet', () => {
  const HEADERS = [
    '序号',
    '编号',
    '反映时间',
    '类别',
    '诉求内容',
    '地点',
    '网格',
    '紧急程度',
    '状态',
    '承办人',
    '响应时间',
    '按时响应',
    '办结时间',
    '办结期限',
    '按时办结',
    '办理情况',
    '评价',
    '反映人',
    '联系电话',
  ];
  const W = HEADERS.length;

  it('lists every complaint with its limits, outcome and rating, reporters in full for a secretary', async () => {
    const [caption, file] = await ask('lijianguo', '导出 诉求 11月', 2);
    expect(textOf(caption)).toBe(
      '2026年11月居民诉求（居民第一支部）：收到4件，已办结2件；响应率50%（2/4），办结率50%（2/4），满意率100%（2/2）。表格见下方文件。',
    );
    const media = await mediaOf(c.bot, file);
    expect(media.filename).toBe('诉求台账-2026-11-居民第一支部.xlsx');
    const workbook = await readWorkbook(media.data);
    const ledger = workbook.getWorksheet('诉求台账')!;
    expect(rowValues(ledger, 2, W)).toEqual(HEADERS);
    const rows = rowsBy(ledger, 2, W);
    expect([...rows.keys()]).toEqual(['2026-0101', '2026-0102', '2026-0106', '2026-0107']);
    expect(rows.get('2026-0101')).toEqual([
      1,
      '2026-0101',
      '2026-11-02 09:00',
      '下水道堵塞',
      '5号楼2单元下水道堵了，一楼返水',
      '5号楼2单元',
      'G03 幸福三网格',
      '一般',
      '已回访',
      '刘强',
      '2026-11-02 09:40',
      '是',
      '2026-11-03 15:00',
      '2026-11-09 09:00',
      '是',
      '已疏通下水道，恢复正常',
      '满意（修得很快）',
      '张秀梅',
      '13911112222',
    ]);
    // Complex (15 days), answered 3.5 h after the report, and past its deadline of 20 November.
    expect(rows.get('2026-0102')!.slice(3)).toEqual([
      categoryLabel('leak'),
      '6号楼顶楼漏雨，墙皮脱落',
      '6号楼',
      'G03 幸福三网格',
      '一般',
      '办理中',
      '刘强',
      '2026-11-05 23:30',
      '否',
      null,
      '2026-11-20 20:00',
      '超时未办结',
      null,
      null,
      '王桂兰',
      '13800001234',
    ]);
    expect(rows.get('2026-0106')!.slice(5, 15)).toEqual([
      '社区广场',
      '未分网格',
      '一般',
      '待受理',
      '孙丽',
      null,
      '否（未响应）',
      null,
      '2026-11-27 07:30',
      '未到期',
    ]);
    expect(rows.get('2026-0107')!.slice(7, 17)).toEqual([
      '紧急',
      '已回访',
      '刘强',
      '2026-11-15 08:20',
      '是',
      '2026-11-15 12:00',
      '2026-11-16 08:00',
      '是',
      '已抽排清理',
      '基本满意',
    ]);

    const grids = workbook.getWorksheet('按网格汇总')!;
    expect(rowsBy(grids, 1, 11).get('G03 幸福三网格')).toEqual([
      'G03 幸福三网格',
      3,
      2,
      3,
      2 / 3,
      2,
      3,
      2 / 3,
      2,
      2,
      1,
    ]);
    expect(rowsBy(grids, 1, 11).get('未分网格')).toEqual(['未分网格', 1, 0, 1, 0, 0, 1, 0, 0, 0, null]);
  });

  it('masks reporters for an administrator, except where the privacy rules allow', async () => {
    const [caption, file] = await ask('zhouming', '导出 诉求 11月', 2);
    expect(textOf(caption)).toBe(
      '2026年11月居民诉求（幸福里社区）：收到6件（另有重复反映1件，并入原件），已办结3件；响应率66.7%（4/6），办结率60%（3/5），满意率100%（2/2）。反映人姓名、电话按隐私规定部分隐去。表格见下方文件。',
    );
    const rows = rowsBy(
      (await readWorkbook((await mediaOf(c.bot, file)).data)).getWorksheet('诉求台账')!,
      2,
      W,
    );
    expect(rows.size).toBe(7);
    expect(rows.get('2026-0101')!.slice(17)).toEqual(['张**', '139****2222']);
    expect(rows.get('2026-0102')!.slice(17)).toEqual(['王**', '138****1234']);
    expect(rows.get('2026-0104')!.slice(8, 17)).toEqual([
      '不予受理',
      '王海',
      '2026-11-10 22:00',
      '是',
      null,
      null,
      '—',
      '不予受理：属于派出所管辖，已告知拨打110',
      null,
    ]);
    expect(rows.get('2026-0105')!.slice(8, 19)).toEqual([
      '重复',
      '王海',
      '2026-11-08 18:30',
      '—',
      null,
      null,
      '—',
      '与2026-0103重复',
      null,
      '孙**',
      null,
    ]);
    // Community staff see in full the complaint they handle, and only that one.
    const [, staffFile] = await ask('sunli', '导出 诉求 11月', 2);
    const staff = rowsBy(
      (await readWorkbook((await mediaOf(c.bot, staffFile)).data)).getWorksheet('诉求台账')!,
      2,
      W,
    );
    expect(staff.get('2026-0106')!.slice(17)).toEqual(['张秀梅', '13911112222']);
    expect(staff.get('2026-0101')!.slice(17)).toEqual(['张**', '139****2222']);
  });

  it('is written by npm run export for the community, with reporters masked', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'complaints-')), 'complaints.xlsx');
    const run = await promisify(execFile)(
      'npx',
      ['tsx', 'src/cli.ts', 'export', '诉求', '2026年11月', '--out', out],
      {
        cwd: projectPath(),
        env: { ...process.env, MONGODB_URI: c.bot.config.mongodbUri },
      },
    );
    expect(run.stdout).toMatch(/^2026年11月居民诉求（幸福里社区）：收到6件（另有重复反映1件，并入原件）/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    const rows = rowsBy(workbook.getWorksheet('诉求台账')!, 2, W);
    expect([...rows.values()].map((r) => r[17])).toEqual([
      '张**',
      '王**',
      '李**',
      '李**',
      '孙**',
      '张**',
      '李**',
    ]);
    expect(JSON.stringify([...rows.values()])).not.toMatch(/13911112222|13800001234|13622223333/);
  });

  it('says so when a month has none, and refuses members', async () => {
    expect(await c.say('zhaoxiuying', '导出 诉求 9月')).toBe('2026年9月（本支部）没有收到居民诉求。');
    for (const text of ['导出 诉求 11月', '图表 诉求', '诉求图表'])
      expect(await c.say('wangguilan', text)).toBe(REPLY.notAllowed);
  });
});
