import { invalid, ok } from '../../bot/command.js';
import { UserError } from '../../bot/user-error.js';
import { formatYuan } from '../../domain/dues/calculator.js';
import { DUES_CATEGORY_LABELS, type DuesCategory, labelOf } from '../../domain/member-vocabulary.js';
import { civilToday, isoDate, type YearMonth, yearMonth } from '../../domain/text/calendar.js';
import { currentYearMonth, parseYear } from '../../domain/text/index.js';
import { type DuesMonth, loadDuesMonths } from '../../dues/month-rows.js';
import { METHOD_WORDS } from '../../dues/plan-payment.js';
import { loadExcel } from '../../spreadsheets/excel.js';
import { addTable, type Cell, type Column, MONEY, toBuffer, yuan } from './sheet.js';
import type { ExportSpec } from './types.js';

const MONTH_COLUMNS: Column[] = Array.from({ length: 12 }, (_, i) => ({
  header: `${i + 1}月`,
  width: 9,
  numFmt: MONEY,
}));

const REGISTER: Column[] = [
  { header: '序号', width: 6 },
  { header: '姓名', width: 10 },
  { header: '支部', width: 14 },
  { header: '党小组', width: 12 },
  { header: '人员类别', width: 10 },
  { header: '计算基数(元)', width: 12, numFmt: MONEY },
  { header: '核定依据', width: 24 },
  { header: '月应缴(元)', width: 11, numFmt: MONEY },
  ...MONTH_COLUMNS,
  { header: '应缴合计(元)', width: 12, numFmt: MONEY },
  { header: '实缴合计(元)', width: 12, numFmt: MONEY },
  { header: '欠缴月数', width: 9 },
  { header: '欠缴金额(元)', width: 12, numFmt: MONEY },
];

const DETAIL: Column[] = [
  { header: '序号', width: 6 },
  { header: '姓名', width: 10 },
  { header: '支部', width: 14 },
  { header: '月份', width: 9 },
  { header: '应缴(元)', width: 10, numFmt: MONEY },
  { header: '实缴(元)', width: 10, numFmt: MONEY },
  { header: '缴纳日期', width: 12 },
  { header: '缴纳方式', width: 10 },
  { header: '代缴人', width: 14 },
  { header: '收款人', width: 10 },
  { header: '收据号', width: 22 },
  { header: '减免批准文号', width: 16 },
  { header: '备注', width: 30 },
];

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const owed = (r: DuesMonth) => r.dueFen !== null && r.payment === null;

/** One register cell per month: the amount paid, 未交, 免交, or blank (not charged). */
function monthCell(r: DuesMonth | undefined): Cell {
  if (!r) return null;
  if (r.payment) return yuan(r.payment.fen);
  if (r.dueFen !== null) return '未交';
  return r.waiverRef ? '免交' : null;
}

function remark(r: DuesMonth, paidMonth: YearMonth | null): string {
  const notes: string[] = [];
  if (r.payment && paidMonth && paidMonth > r.month) notes.push('补交');
  if (r.payment && r.dueFen === null && !r.waiverRef) notes.push('预交');
  if (r.dueFen === null && r.waiverRef && !r.payment) notes.push('免交');
  for (const x of r.reversed) notes.push(`已冲正 ${x.receiptNo}（${x.reason}）`);
  return notes.join('；');
}

/**
 * 党费台账 for a year (domain.md §1.5): a register with a row per member and a column per month, as the
 * paper 党费交纳登记表 has it, and the detail of every month — amount, date, method, proxy payer, collector,
 * receipt number, reduction approval, arrears.
 */
export const duesLedgerExport: ExportSpec<{ year: number }> = {
  id: 'dues-ledger',
  names: ['党费台账', '台账'],
  summary: '党费台账：每人每月应缴、实缴、日期、收据号（Excel）',
  example: '导出 党费台账 2026',
  parse(rest, { now, timeZone }) {
    if (!rest.trim()) return ok({ year: Number(currentYearMonth(now, timeZone).slice(0, 4)) });
    const year = parseYear(rest, now, timeZone);
    return year
      ? ok({ year })
      : invalid('请写要导出的年份，例如「导出 党费台账 2026」或「导出 党费台账 去年」。');
  },
  async build({ models, scope, timeZone }, { year }) {
    const months = Array.from({ length: 12 }, (_, i) => yearMonth(year, i + 1));
    const rows = await loadDuesMonths(models, scope.filter, months);
    if (rows.length === 0) throw new UserError(`${year}年（${scope.label}）还没有党费记录。`);
    const memberIds = [...new Set(rows.map((r) => r.memberId))];
    const collectorIds = [...new Set(rows.flatMap((r) => (r.payment ? [r.payment.collectorMemberId] : [])))];
    const { communityId } = scope.filter;
    const [members, assessments, collectors, branches, groups] = await Promise.all([
      models.Member.find(
        { _id: { $in: memberIds } },
        { name: 1, branchId: 1, partyGroupId: 1, duesCategory: 1 },
      ).lean(),
      models.DuesAssessment.find({ memberId: { $in: memberIds }, year }).lean(),
      models.Member.find({ _id: { $in: collectorIds } }, { name: 1 }).lean(),
      models.Branch.find({ communityId }, { name: 1 }).lean(),
      models.PartyGroup.find({ communityId }, { name: 1 }).lean(),
    ]);
    const names = new Map([...branches, ...groups, ...collectors].map((d) => [String(d._id), d.name]));
    const assessed = new Map(assessments.map((a) => [String(a.memberId), a]));
    const orgOf = (id: unknown) => (id ? (names.get(String(id)) ?? '') : '');
    const people = members
      .map((m) => ({ ...m, id: String(m._id), branch: orgOf(m.branchId) }))
      .sort((a, b) => a.branch.localeCompare(b.branch, 'zh') || a.name.localeCompare(b.name, 'zh'));
    const byMember = new Map<string, DuesMonth[]>();
    for (const r of rows) byMember.set(r.memberId, [...(byMember.get(r.memberId) ?? []), r]);
    const paidMonth = (r: DuesMonth) =>
      r.payment ? (isoDate(civilToday(r.payment.paidAt, timeZone)).slice(0, 7) as YearMonth) : null;

    const register: Cell[][] = [];
    const detail: Cell[][] = [];
    for (const [index, m] of people.entries()) {
      const mine = (byMember.get(m.id) ?? []).sort((a, b) => a.month.localeCompare(b.month));
      const month = new Map(mine.map((r) => [r.month, r]));
      const assessment = assessed.get(m.id);
      const unpaid = mine.filter(owed);
      register.push([
        index + 1,
        m.name,
        m.branch,
        orgOf(m.partyGroupId),
        labelOf(DUES_CATEGORY_LABELS, m.duesCategory as DuesCategory),
        assessment?.baseFen != null ? yuan(assessment.baseFen) : null,
        assessment?.rule ?? '',
        assessment ? yuan(assessment.fen) : null,
        ...months.map((ym) => monthCell(month.get(ym))),
        yuan(sum(mine.map((r) => r.dueFen ?? 0))),
        yuan(sum(mine.map((r) => r.payment?.fen ?? 0))),
        unpaid.length,
        yuan(sum(unpaid.map((r) => r.dueFen ?? 0))),
      ]);
      for (const r of mine) {
        detail.push([
          detail.length + 1,
          m.name,
          m.branch,
          r.month,
          r.dueFen === null ? null : yuan(r.dueFen),
          r.payment ? yuan(r.payment.fen) : null,
          r.payment ? isoDate(civilToday(r.payment.paidAt, timeZone)) : '',
          r.payment ? METHOD_WORDS[r.payment.method] : '',
          r.payment?.payer
            ? `${r.payment.payer.name}${r.payment.payer.relation ? `（${r.payment.payer.relation}）` : ''}`
            : '',
          r.payment ? orgOf(r.payment.collectorMemberId) : '',
          r.payment?.receiptNo ?? '',
          r.waiverRef ?? '',
          remark(r, paidMonth(r)),
        ]);
      }
    }
    const dueFen = sum(rows.map((r) => r.dueFen ?? 0));
    const paidFen = sum(rows.map((r) => r.payment?.fen ?? 0));
    const behind = new Set(rows.filter(owed).map((r) => r.memberId)).size;
    register.push([
      null,
      '合计',
      ...Array<Cell>(6).fill(null),
      ...months.map((ym) => yuan(sum(rows.filter((r) => r.month === ym).map((r) => r.payment?.fen ?? 0)))),
      yuan(dueFen),
      yuan(paidFen),
      rows.filter(owed).length,
      yuan(sum(rows.filter(owed).map((r) => r.dueFen ?? 0))),
    ]);

    const workbook = new (await loadExcel()).Workbook();
    addTable(workbook, '党费交纳登记表', `${scope.name} ${year}年党费交纳登记表`, REGISTER, register);
    addTable(workbook, '缴纳明细', `${scope.name} ${year}年党费缴纳明细`, DETAIL, detail);
    return {
      filename: `党费台账-${year}-${scope.name}.xlsx`,
      data: await toBuffer(workbook),
      summary: `${year}年党费台账（${scope.name}）：${people.length}人，应缴 ${formatYuan(dueFen)}，实缴 ${formatYuan(paidFen)}，欠缴 ${behind}人。`,
    };
  },
};
