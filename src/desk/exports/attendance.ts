import { invalid, ok } from '../../bot/command.js';
import { UserError } from '../../bot/user-error.js';
import { monthsSpan, OUTCOME_LABELS, type Outcome, percent } from '../../domain/study/index.js';
import { formatPeriod, parsePeriod, quarterMonths, type YearMonth } from '../../domain/text/index.js';
import { loadExcel } from '../../spreadsheets/excel.js';
import { type MemberAttendance, type SessionFigures, studyFigures } from '../../study/figures.js';
import { addTable, type Cell, type Column, PERCENT, stamp, toBuffer } from './sheet.js';
import type { ExportSpec } from './types.js';

/** What the register writes for each outcome, as on the paper 考勤表: 补签 is present, 送学上门 is 送学. */
const MARK: Record<Outcome, Mark> = {
  signed: '到',
  makeup: '到',
  remote: '远程',
  home_delivered: '送学',
  leave: '请假',
  absent: '缺席',
};
const MARKS = ['到', '远程', '送学', '请假', '缺席'] as const;
type Mark = (typeof MARKS)[number];
/** 到, 远程 and 送学 took part; leave is excused but not taking part (参学率 as 「考勤」 gives it). */
const TOOK_PART: readonly Mark[] = ['到', '远程', '送学'];

const TOTALS: Column[] = [
  { header: '应到(次)', width: 9 },
  ...MARKS.map((m) => ({ header: m, width: 7 })),
  { header: '参学率', width: 9, numFmt: PERCENT },
];

const SESSIONS: Column[] = [
  { header: '序号', width: 6 },
  { header: '日期', width: 12 },
  { header: '时间', width: 8 },
  { header: '支部', width: 14 },
  { header: '应到(人)', width: 9 },
  ...MARKS.map((m) => ({ header: m, width: 7 })),
  { header: '参学率', width: 9, numFmt: PERCENT },
];

const DETAIL: Column[] = [
  { header: '序号', width: 6 },
  { header: '日期', width: 12 },
  { header: '时间', width: 8 },
  { header: '支部', width: 14 },
  { header: '姓名', width: 10 },
  { header: '考勤', width: 10 },
  { header: '请假事由', width: 24 },
  { header: '登记人', width: 10 },
  { header: '登记时间', width: 17 },
];

/** Excel refuses these in a sheet's name, and names longer than 31 characters. */
const sheetName = (name: string) => name.replace(/[\\/?*[\]:]/g, '').slice(0, 31);

const day = (date: string) => `${Number(date.slice(5, 7))}月${Number(date.slice(8))}日`;

/** 应到, the count of each mark, and the rate, over some outcomes (a member's row or a session's column). */
function totals(outcomes: readonly Outcome[]): Cell[] {
  const marks = outcomes.map((o) => MARK[o]);
  const took = marks.filter((m) => TOOK_PART.includes(m)).length;
  return [
    outcomes.length,
    ...MARKS.map((m) => marks.filter((x) => x === m).length),
    outcomes.length === 0 ? null : took / outcomes.length,
  ];
}

/** One branch's register: a row per member, a column per session (blank where they were not expected). */
function register(sessions: readonly SessionFigures[], records: readonly MemberAttendance[]): Cell[][] {
  const byMember = new Map<string, { name: string; outcomes: Map<string, Outcome> }>();
  for (const r of records) {
    const entry = byMember.get(r.memberId) ?? { name: r.memberName, outcomes: new Map() };
    entry.outcomes.set(r.sessionId, r.outcome);
    byMember.set(r.memberId, entry);
  }
  return [...byMember.values()]
    .sort((a, b) => a.name.localeCompare(b.name, 'zh'))
    .map((m, i) => [
      i + 1,
      m.name,
      ...sessions.map((s) => {
        const o = m.outcomes.get(s.sessionId);
        return o ? MARK[o] : null;
      }),
      ...totals([...m.outcomes.values()]),
    ]);
}

/**
 * 学习考勤 for a quarter or a year (domain.md §2.2: who was due, present, on leave and why, absent): per branch a
 * register with a row per member and a column per session, a sheet of the sessions, and the detail of every
 * record — the exact kind (补签, 送学上门), the reason for leave, who recorded it and when.
 */
export const attendanceExport: ExportSpec<{ months: YearMonth[] }> = {
  id: 'attendance',
  names: ['考勤', '学习考勤'],
  summary: '学习考勤：每人每次到、请假、远程、送学、缺席和参学率（Excel）',
  example: '导出 考勤 三季度',
  parse(rest, { now, timeZone }) {
    if (!rest.trim()) return ok({ months: quarterMonths(now, timeZone) });
    const months = parsePeriod(rest, now, timeZone);
    return months
      ? ok({ months })
      : invalid('请写要导出的季度或年份，例如「导出 考勤 三季度」「导出 考勤 本季度」或「导出 考勤 2026」。');
  },
  async build({ models, scope, now, timeZone }, { months }) {
    const period = formatPeriod(months);
    const f = await studyFigures(models, scope.filter, monthsSpan(months), now, timeZone);
    if (f.sessions.length === 0) throw new UserError(`${period}（${scope.label}）没有已结束的学习。`);
    const records = await models.Attendance.find(
      { sessionId: { $in: f.sessions.map((s) => s.sessionId) } },
      { sessionId: 1, memberId: 1, reason: 1, byMemberId: 1, at: 1 },
    ).lean();
    const recorded = new Map(records.map((a) => [`${a.sessionId}:${a.memberId}`, a]));
    const names = new Map(f.records.map((r) => [r.memberId, r.memberName]));
    const recorders = [...new Set(records.map((a) => String(a.byMemberId)))].filter((id) => !names.has(id));
    for (const m of await models.Member.find({ _id: { $in: recorders } }, { name: 1 }).lean())
      names.set(String(m._id), m.name);

    const workbook = new (await loadExcel()).Workbook();
    const branches = [...new Map(f.sessions.map((s) => [s.branchId, s.branchName]))].sort((a, b) =>
      a[1].localeCompare(b[1], 'zh'),
    );
    for (const [branchId, branch] of branches) {
      const sessions = f.sessions.filter((s) => s.branchId === branchId);
      const columns: Column[] = [
        { header: '序号', width: 6 },
        { header: '姓名', width: 10 },
        ...sessions.map((s) => ({ header: day(s.date), width: 8 })),
        ...TOTALS,
      ];
      const rows = register(
        sessions,
        f.records.filter((r) => r.branchId === branchId),
      );
      addTable(workbook, sheetName(branch), `${branch} ${period}学习考勤登记表`, columns, rows);
    }
    const sessionRows: Cell[][] = f.sessions.map((s, i) => [
      i + 1,
      s.date,
      s.time,
      s.branchName,
      ...totals(f.records.filter((r) => r.sessionId === s.sessionId).map((r) => r.outcome)),
    ]);
    addTable(workbook, '每次学习', `${scope.name} ${period}每次学习参学情况`, SESSIONS, sessionRows);
    const when = new Map(f.sessions.map((s) => [s.sessionId, s]));
    const order = new Map(f.sessions.map((s, i) => [s.sessionId, i]));
    const inOrder = [...f.records].sort(
      (a, b) =>
        (order.get(a.sessionId) ?? 0) - (order.get(b.sessionId) ?? 0) ||
        a.memberName.localeCompare(b.memberName, 'zh'),
    );
    const detail: Cell[][] = inOrder.map((r, i) => {
      const a = recorded.get(`${r.sessionId}:${r.memberId}`);
      const recorder = !a
        ? ''
        : String(a.byMemberId) === r.memberId
          ? '本人'
          : (names.get(String(a.byMemberId)) ?? '');
      return [
        i + 1,
        r.date,
        when.get(r.sessionId)?.time ?? '',
        when.get(r.sessionId)?.branchName ?? '',
        r.memberName,
        OUTCOME_LABELS[r.outcome],
        a?.reason ?? '',
        recorder,
        a ? stamp(a.at, timeZone) : '',
      ];
    });
    addTable(workbook, '考勤明细', `${scope.name} ${period}学习考勤明细`, DETAIL, detail);

    const expected = f.records.length;
    const took = f.records.filter((r) => TOOK_PART.includes(MARK[r.outcome])).length;
    const people = new Set(f.records.map((r) => r.memberId)).size;
    return {
      filename: `学习考勤-${months[0]}${months.length > 1 ? `至${months.at(-1)}` : ''}-${scope.name}.xlsx`,
      data: await toBuffer(workbook),
      summary: `${period}学习考勤（${scope.name}）：${f.sessions.length}次学习，${people}人，应到${expected}人次，参学率${percent(took, expected)}。`,
    };
  },
};
