import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import type { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPLY } from '../../src/bot/replies.js';
import type { AttendanceKind } from '../../src/domain/study/index.js';
import { projectPath } from '../../src/paths.js';
import { type ClockedBot, startClockedBot } from '../support/clocked-bot.js';
import { ask as askBot, reportSection } from '../support/desk.js';
import { inspectPng } from '../support/png.js';
import { seedCommunity } from '../support/seed.js';
import { textOf } from '../support/test-bot.js';
import { mediaOf, readWorkbook, rowsBy, rowValues } from '../support/xlsx.js';

/**
 * The secretary's desk over study days, through the real webhook at 2026-11-21 10:00: a year of 退休支部's
 * sessions (the 5th and 20th at 9:30, moved past holidays as the calendar does) and some of 居民第一支部's, with
 * known answers for the 月报, the 党务公开 notice, the chart, the attendance spreadsheet and the points.
 */
const NOW = '2026-11-21T10:00:00+08:00';

/** 退休支部's sessions in 2026: [date, the rule's day when a holiday moved it]. */
const RETIRED_DAYS: Array<[string, string | null]> = [
  ['2026-01-05', null],
  ['2026-01-20', null],
  ['2026-02-05', null],
  ['2026-02-24', '2026-02-20'],
  ['2026-03-05', null],
  ['2026-03-20', null],
  ['2026-04-07', '2026-04-05'],
  ['2026-04-20', null],
  ['2026-05-06', '2026-05-05'],
  ['2026-05-20', null],
  ['2026-06-05', null],
  ['2026-06-22', '2026-06-20'],
  ['2026-07-05', null],
  ['2026-07-20', null],
  ['2026-08-05', null],
  ['2026-08-20', null],
  ['2026-09-05', null],
  ['2026-09-20', null],
  ['2026-10-08', '2026-10-05'],
  ['2026-10-20', null],
  ['2026-11-05', null],
  ['2026-11-20', null],
];
const RETIRED = ['zhaoxiuying', 'wangguilan', 'wanghai', 'chenshufen'] as const;
type Outcome = AttendanceKind | null;

/**
 * What each of 退休支部 did at session i (null: no record, absent without leave). 赵秀英 comes every time; 王桂兰
 * comes until June, then studies at home (送学上门), with one leave in hospital; 王海 comes every other time,
 * studies remotely or asks leave in between, and missed three early in the year; 陈淑芬 came until April, then
 * asked leave to look after her grandson, and has missed November's two.
 */
function retiredOutcome(who: (typeof RETIRED)[number], i: number): Outcome {
  switch (who) {
    case 'zhaoxiuying':
      return 'signed';
    case 'wangguilan':
      return i < 12 ? 'signed' : i === 20 ? 'leave' : 'home_delivered';
    case 'wanghai':
      if (i % 2 === 0) return i === 20 ? 'makeup' : 'signed';
      return [1, 3, 5].includes(i) ? null : [7, 9].includes(i) ? 'leave' : 'remote';
    case 'chenshufen':
      return i < 8 ? 'signed' : i < 20 ? 'leave' : null;
  }
}
const REASONS: Partial<Record<(typeof RETIRED)[number], string>> = {
  wangguilan: '住院',
  wanghai: '出差',
  chenshufen: '在外地照顾外孙',
};

const FIRST = ['lijianguo', 'liuqiang', 'zhouming'] as const;
/** 居民第一支部 (10th and 25th at 19:00): → [李建国, 刘强, 周明]. 25 October was cancelled; 25 November is ahead. */
const FIRST_DAYS: Array<[string, Outcome[] | 'cancelled' | 'ahead']> = [
  ['2026-09-10', ['signed', 'signed', 'leave']],
  ['2026-09-28', ['signed', null, 'signed']],
  ['2026-10-10', ['signed', 'leave', 'remote']],
  ['2026-10-25', 'cancelled'],
  ['2026-11-10', ['signed', 'signed', 'signed']],
  ['2026-11-25', 'ahead'],
];

let c: ClockedBot;
const models = () => c.bot.runtime.deps.models;

async function seedSessions(
  communityId: Types.ObjectId,
  branches: { first: Types.ObjectId; retired: Types.ObjectId },
) {
  const ids = new Map<string, Types.ObjectId>();
  for (const m of await models().Member.find({}, { wecomUserId: 1 }).lean()) ids.set(m.wecomUserId, m._id);
  const id = (userId: string) => ids.get(userId)!;
  const records: Array<Record<string, unknown>> = [];
  const record =
    (sessionId: Types.ObjectId, branchId: Types.ObjectId, date: string, time: string) =>
    (who: string, kind: AttendanceKind, reason = '') => {
      // 补签 and 送学上门 are recorded by the secretary, the rest by the member at the session's time.
      const bySecretary = kind === 'makeup' || kind === 'home_delivered';
      records.push({
        communityId,
        branchId,
        sessionId,
        memberId: id(who),
        kind,
        reason,
        byMemberId: bySecretary ? id(branchId === branches.retired ? 'zhaoxiuying' : 'lijianguo') : id(who),
        at: new Date(`${date}T${kind === 'leave' ? '08:00' : time}:00+08:00`),
      });
    };

  for (const [i, [date, originalDate]] of RETIRED_DAYS.entries()) {
    const session = await models().StudySession.create({
      communityId,
      branchId: branches.retired,
      date,
      time: '09:30',
      durationMinutes: 90,
      place: '社区老年活动中心',
      origin: 'rule',
      originalDate,
      reason: originalDate ? '遇节假日顺延' : '',
      expectedMemberIds: RETIRED.map(id),
    });
    const add = record(session._id, branches.retired, date, '09:30');
    for (const who of RETIRED) {
      const outcome = retiredOutcome(who, i);
      if (outcome) add(who, outcome, outcome === 'leave' ? (REASONS[who] ?? '') : '');
    }
  }
  for (const [date, plan] of FIRST_DAYS) {
    const session = await models().StudySession.create({
      communityId,
      branchId: branches.first,
      date,
      time: '19:00',
      durationMinutes: 120,
      place: '社区党群服务中心二楼会议室',
      origin: 'rule',
      ...(plan === 'cancelled' ? { status: 'cancelled', reason: '社区停电' } : {}),
      expectedMemberIds: plan === 'ahead' ? null : FIRST.map(id),
    });
    if (typeof plan === 'string') continue;
    const add = record(session._id, branches.first, date, '19:00');
    for (const [k, who] of FIRST.entries()) {
      const outcome = plan[k];
      if (outcome) add(who, outcome, outcome === 'leave' ? '加班' : '');
    }
  }
  await models().Attendance.insertMany(records);
}

beforeAll(async () => {
  c = await startClockedBot(NOW, {
    users: ['zhaoxiuying', 'wangguilan', 'wanghai', 'chenshufen', 'lijianguo', 'zhouming'],
  });
  const seeded = await seedCommunity(models());
  await seedSessions(seeded.community._id, {
    first: seeded.branches.first._id,
    retired: seeded.branches.retired._id,
  });
}, 60_000);
afterAll(async () => {
  await c?.bot.close();
});

const ask = (userId: string, text: string, count: number) => askBot(c, userId, text, count);
const section = reportSection;

describe('月报: study days', () => {
  it('gives a branch secretary the month’s sessions, 参学率 and who missed without leave', async () => {
    // 5 Nov: 赵秀英 present, 王桂兰 leave, 王海 补签, 陈淑芬 absent; 20 Nov: 赵秀英 present, 王桂兰 送学上门,
    // 王海 remote, 陈淑芬 absent → 8 expected, 3 present, 2 elsewhere, 1 leave, 2 absent; 5/8 took part.
    const report = await c.say('zhaoxiuying', '月报');
    expect(report).toContain('月报 · 2026年11月（本支部）');
    expect(section(report, '学习日')).toEqual([
      '学习2次，应到8人次：到场3（含补签），远程2（含送学上门），请假1，缺席2；参学率63%',
      '缺席未请假：陈淑芬2次',
    ]);
  });

  it('counts only sessions held and ended, for the community too', async () => {
    // Adds 居民第一支部's 10 Nov (all 3 present); its 25 Nov is still ahead.
    expect(section(await c.say('zhouming', '月报'), '学习日')).toEqual([
      '学习3次，应到11人次：到场6（含补签），远程2（含送学上门），请假1，缺席2；参学率73%',
      '缺席未请假：陈淑芬2次',
    ]);
    // October: 居民第一支部's cancelled 25 Oct does not count.
    expect(section(await c.say('lijianguo', '月报 上个月'), '学习日')).toEqual([
      '学习1次，应到3人次：到场1（含补签），远程1（含送学上门），请假1，缺席0；参学率67%',
      '没有无故缺席。',
    ]);
  });

  it('puts totals, and no names, in the 党务公开 notice', async () => {
    const notice = await c.say('zhaoxiuying', '党务公开 本月');
    expect(section(notice, '学习日')).toEqual([
      '举行学习2次，应参加8人次，实际参加5人次（其中远程学习、送学上门2人次），请假1人次，参学率63%。',
    ]);
    expect(notice).not.toMatch(/陈淑芬|王海|王桂兰/);
  });
});

describe('the attendance chart', () => {
  it('draws 参学率 for the latest 12 sessions, after a line of figures', async () => {
    // 5 Jun – 20 Nov: 赵秀英 12 present; 王桂兰 2 present, 9 at home, 1 leave; 王海 6 present, 6 remote;
    // 陈淑芬 10 leave, 2 absent.
    const [caption, image] = await ask('zhaoxiuying', '图表 考勤', 2);
    expect(textOf(caption)).toBe(
      '学习参学率 · 最近12次（本支部）：应到48人次，到场20，远程15，请假11，缺席2，参学率73%。图见下。',
    );
    expect(image?.msgtype).toBe('image');
    const found = inspectPng((await mediaOf(c.bot, image)).data);
    expect(found).toMatchObject({ width: 1600, height: 900 });
    expect(found.colours).toBeGreaterThan(50);
    expect(found.inked).toBeGreaterThan(0.05);
  });

  it('names the branch under each session when it covers the community', async () => {
    const [caption, image] = await ask('zhouming', '参学率图表', 2);
    expect(textOf(caption)).toMatch(/^学习参学率 · 最近12次（全社区）：/);
    expect(inspectPng((await mediaOf(c.bot, image)).data)).toMatchObject({ width: 1600, height: 900 });
  });
});

describe('the attendance spreadsheet', () => {
  const Q3 = ['7月5日', '7月20日', '8月5日', '8月20日', '9月5日', '9月20日'];
  const TOTALS = ['应到(次)', '到', '远程', '送学', '请假', '缺席', '参学率'];

  it('has a register per member and session, the sessions, and every record in detail', async () => {
    const [caption, file] = await ask('zhaoxiuying', '导出 考勤 三季度', 2);
    expect(textOf(caption)).toBe(
      '2026年7月–9月学习考勤（退休支部）：6次学习，4人，应到24人次，参学率75%。表格见下方文件。',
    );
    const media = await mediaOf(c.bot, file);
    expect(media.filename).toBe('学习考勤-2026-07至2026-09-退休支部.xlsx');
    const workbook = await readWorkbook(media.data);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['退休支部', '每次学习', '考勤明细']);

    const register = workbook.getWorksheet('退休支部')!;
    const width = 2 + Q3.length + TOTALS.length;
    expect(rowValues(register, 1, 1)).toEqual(['退休支部 2026年7月–9月学习考勤登记表']);
    expect(rowValues(register, 2, width)).toEqual(['序号', '姓名', ...Q3, ...TOTALS]);
    expect(register.rowCount).toBe(2 + 4);
    const rows = rowsBy(register, 2, width);
    expect(rows.get('赵秀英')!.slice(1)).toEqual(['赵秀英', ...Array(6).fill('到'), 6, 6, 0, 0, 0, 0, 1]);
    expect(rows.get('王桂兰')!.slice(1)).toEqual(['王桂兰', ...Array(6).fill('送学'), 6, 0, 0, 6, 0, 0, 1]);
    expect(rows.get('王海')!.slice(1)).toEqual([
      '王海',
      '到',
      '远程',
      '到',
      '远程',
      '到',
      '远程',
      6,
      3,
      3,
      0,
      0,
      0,
      1,
    ]);
    expect(rows.get('陈淑芬')!.slice(1)).toEqual(['陈淑芬', ...Array(6).fill('请假'), 6, 0, 0, 0, 6, 0, 0]);
    expect(register.getRow(3).getCell(width).numFmt).toBe('0.0%');

    const sessions = workbook.getWorksheet('每次学习')!;
    expect(rowValues(sessions, 2, 12)).toEqual([
      '序号',
      '日期',
      '时间',
      '支部',
      '应到(人)',
      '到',
      '远程',
      '送学',
      '请假',
      '缺席',
      '参学率',
      null,
    ]);
    expect(rowValues(sessions, 3, 11)).toEqual([
      1,
      '2026-07-05',
      '09:30',
      '退休支部',
      4,
      2,
      0,
      1,
      1,
      0,
      0.75,
    ]);
    expect(rowValues(sessions, 4, 11)).toEqual([
      2,
      '2026-07-20',
      '09:30',
      '退休支部',
      4,
      1,
      1,
      1,
      1,
      0,
      0.75,
    ]);
    expect(sessions.rowCount).toBe(2 + 6);

    const detail = rowsBy(workbook.getWorksheet('考勤明细')!, 1, 9);
    expect(detail.size).toBe(24);
    // Session by session, names in pinyin order: 陈淑芬, 王桂兰, 王海, 赵秀英.
    expect(detail.get('1')).toEqual([
      1,
      '2026-07-05',
      '09:30',
      '退休支部',
      '陈淑芬',
      '请假',
      '在外地照顾外孙',
      '本人',
      '2026-07-05 08:00',
    ]);
    expect(detail.get('2')).toEqual([
      2,
      '2026-07-05',
      '09:30',
      '退休支部',
      '王桂兰',
      '送学上门',
      null,
      '赵秀英',
      '2026-07-05 09:30',
    ]);
    expect(detail.get('4')).toEqual([
      4,
      '2026-07-05',
      '09:30',
      '退休支部',
      '赵秀英',
      '签到',
      null,
      '本人',
      '2026-07-05 09:30',
    ]);
  });

  it('shows an absence as 缺席 with no record behind it, and a branch per sheet from npm run export', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'attendance-')), 'attendance.xlsx');
    const run = await promisify(execFile)(
      'npx',
      ['tsx', 'src/cli.ts', 'export', '考勤', '2026年三季度', '--out', out],
      {
        cwd: projectPath(),
        env: { ...process.env, MONGODB_URI: c.bot.config.mongodbUri },
      },
    );
    // 居民第一支部's 10 and 28 September are in the quarter: 6 more expected, 4 took part.
    expect(run.stdout).toMatch(
      new RegExp(`^2026年7月–9月学习考勤（幸福里社区）：8次学习，7人，应到30人次，参学率73%。已写入 ${out}`),
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      '居民第一支部',
      '退休支部',
      '每次学习',
      '考勤明细',
    ]);
    const first = workbook.getWorksheet('居民第一支部')!;
    expect(rowValues(first, 2, 11)).toEqual(['序号', '姓名', '9月10日', '9月28日', ...TOTALS]);
    const rows = rowsBy(first, 2, 11);
    expect(rows.get('刘强')!.slice(1)).toEqual(['刘强', '到', '缺席', 2, 1, 0, 0, 0, 1, 0.5]);
    expect(rows.get('周明')!.slice(1)).toEqual(['周明', '请假', '到', 2, 1, 0, 0, 1, 0, 0.5]);
    const detail = rowsBy(workbook.getWorksheet('考勤明细')!, 1, 9);
    const absence = [...detail.values()].find((r) => r[4] === '刘强' && r[1] === '2026-09-28');
    expect(absence).toEqual([
      expect.any(Number),
      '2026-09-28',
      '19:00',
      '居民第一支部',
      '刘强',
      '缺席',
      null,
      null,
      null,
    ]);
  });

  it('takes 本季度 and 年, and explains a period it cannot read', async () => {
    expect(textOf((await ask('zhaoxiuying', '导出 考勤 年', 2))[0])).toMatch(
      /^2026年1月–11月学习考勤（退休支部）：22次学习，4人，应到88人次，/,
    );
    expect(textOf((await ask('zhaoxiuying', '导出 考勤', 2))[0])).toMatch(
      /^2026年10月–12月学习考勤（退休支部）：4次学习，/,
    );
    expect(await c.say('zhaoxiuying', '导出 考勤 明年四季度')).toBe(
      '2027年10月–12月（本支部）没有已结束的学习。',
    );
    expect(await c.say('zhaoxiuying', '导出 考勤 随便')).toBe(
      '请写要导出的季度或年份，例如「导出 考勤 三季度」「导出 考勤 本季度」或「导出 考勤 2026」。',
    );
  });
});

describe('points from attendance', () => {
  it('give +2 a session taken part in, up to the cap of 24, and −2 an absence without leave below it', async () => {
    // 王海: 17 sessions taken part in (34, capped at 24) and 3 absences (−6).
    const mine = await c.say('wanghai', '我的积分');
    expect(mine).toContain('王海同志，您2026年的积分：18分（本支部第3名，共4人）');
    expect(mine).toContain('· 组织生活 18分（参加学习日 17次×2分；无故缺席学习日 3次×-2分，已到上限24分）');
    // 陈淑芬: 8 taken part in (16) and November's 2 absences (−4); leave counts neither way.
    expect(await c.say('chenshufen', '我的积分')).toContain(
      '· 组织生活 12分（参加学习日 8次×2分；无故缺席学习日 2次×-2分）',
    );
  });

  it('rank the branch by them', async () => {
    const ranking = await c.say('zhaoxiuying', '积分排行');
    expect(ranking).toMatch(
      /\n1\. (王桂兰|赵秀英) 24分（组织生活24）\n1\. (王桂兰|赵秀英) 24分（组织生活24）\n/,
    );
    expect(ranking).toContain('3. 王海 18分（组织生活18）\n4. 陈淑芬 12分（组织生活12）');
    // 居民第一支部 for the community: 李建国 4 sessions; 周明 3 (remote counts); 刘强 2, and 1 absence.
    expect(await c.say('zhouming', '积分排行 居民第一支部')).toMatch(
      /（居民第一支部）\n1\. 李建国 8分（组织生活8）\n2\. 周明 6分（组织生活6）\n3\. 刘强 2分（组织生活2）/,
    );
    // Staff hold no points.
    expect(await c.say('zhouming', '积分排行 居民第一支部')).not.toContain('孙丽');
  });
});

describe('who may see attendance', () => {
  it.each(['导出 考勤 三季度', '图表 考勤', '考勤图表'])('a member may not: %s', async (text) => {
    expect(await c.say('wangguilan', text)).toBe(REPLY.notAllowed);
  });

  it('a member’s 考勤 is their own record only', async () => {
    const own = await c.say('wanghai', '考勤');
    expect(own).toMatch(/^王海同志 2026年11月学习考勤：共2次/);
    expect(own).not.toMatch(/陈淑芬|赵秀英|王桂兰/);
  });
});
