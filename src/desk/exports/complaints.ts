import type { Types } from 'mongoose';
import { invalid, ok } from '../../bot/command.js';
import type { Sender } from '../../bot/sender.js';
import { UserError } from '../../bot/user-error.js';
import { seesReporter } from '../../complaints/access.js';
import { complaintFigures } from '../../complaints/figures.js';
import { placeText } from '../../complaints/messages.js';
import { complaintFilter } from '../../complaints/scope.js';
import { categoryLabel } from '../../domain/complaints/categories.js';
import { isOpen, STATE_LABELS, type Step } from '../../domain/complaints/lifecycle.js';
import { describeRates } from '../../domain/complaints/rates.js';
import { maskName, maskPhone } from '../../domain/mask.js';
import { currentYearMonth, formatPeriod, parsePeriod, type YearMonth } from '../../domain/text/index.js';
import type { Complaint } from '../../models/complaint.js';
import { loadExcel } from '../../spreadsheets/excel.js';
import { addTable, type Cell, type Column, PERCENT, stamp, toBuffer } from './sheet.js';
import type { ExportSpec } from './types.js';

const LEDGER: Column[] = [
  { header: '序号', width: 6 },
  { header: '编号', width: 11 },
  { header: '反映时间', width: 17 },
  { header: '类别', width: 12 },
  { header: '诉求内容', width: 36 },
  { header: '地点', width: 16 },
  { header: '网格', width: 14 },
  { header: '紧急程度', width: 9 },
  { header: '状态', width: 9 },
  { header: '承办人', width: 10 },
  { header: '响应时间', width: 17 },
  { header: '按时响应', width: 10 },
  { header: '办结时间', width: 17 },
  { header: '办结期限', width: 17 },
  { header: '按时办结', width: 11 },
  { header: '办理情况', width: 30 },
  { header: '评价', width: 16 },
  { header: '反映人', width: 10 },
  { header: '联系电话', width: 13 },
];

const GRIDS: Column[] = [
  { header: '网格', width: 16 },
  { header: '收到(件)', width: 9 },
  { header: '按时响应', width: 9 },
  { header: '应响应', width: 9 },
  { header: '响应率', width: 9, numFmt: PERCENT },
  { header: '已办结', width: 9 },
  { header: '应办结', width: 9 },
  { header: '办结率', width: 9, numFmt: PERCENT },
  { header: '满意', width: 9 },
  { header: '已评价', width: 9 },
  { header: '满意率', width: 9, numFmt: PERCENT },
];

const NOT_COUNTED = '—';

/** When it was reported: its first history entry (openedAt restarts when a reporter reopens it). */
const reportedAt = (c: Complaint) => c.history[0]?.at ?? c.openedAt;

/** First answer within the accept limit (响应率): 是 / 否 / 未到期; a duplicate is counted on its original. */
function respondedInTime(c: Complaint, now: Date): string {
  if (c.state === 'duplicate') return NOT_COUNTED;
  if (c.respondedAt) return c.respondedAt <= c.firstAcceptDeadline ? '是' : '否';
  return c.firstAcceptDeadline <= now ? '否（未响应）' : '未到期';
}

const resolved = (c: Complaint) => c.resolvedAt !== null && (c.state === 'resolved' || c.state === 'closed');

/** Resolved by its deadline: 是 / 否; still open: 超时未办结 / 未到期; rejected or duplicate: not counted. */
function resolvedInTime(c: Complaint, now: Date): string {
  if (resolved(c)) return c.resolvedAt! <= c.resolveDeadline ? '是' : '否';
  if (isOpen(c.state)) return c.resolveDeadline <= now ? '超时未办结' : '未到期';
  return NOT_COUNTED;
}

const lastNote = (c: Complaint, step: Step) => c.history.findLast((h) => h.step === step)?.note ?? '';

/** What became of it, in the words of the step that decided it. */
function outcome(c: Complaint): string {
  if (resolved(c)) return lastNote(c, 'resolve');
  if (c.state === 'referred') return `转办${c.referredTo ?? ''}`;
  if (c.state === 'rejected') return `不予受理：${lastNote(c, 'reject')}`;
  if (c.state === 'duplicate') return `与${c.duplicateOfNumber ?? '原件'}重复`;
  return '';
}

/** Name and phone in full for those the privacy rules allow (access.ts), masked for everyone else. */
function reporterCells(c: Complaint, viewer: Sender | null): Cell[] {
  const { name, phone } = c.reporter;
  if (viewer && seesReporter(c, viewer)) return [name || '居民', phone ?? ''];
  return [maskName(name), phone ? maskPhone(phone) : ''];
}

const fraction = (part: number, whole: number) => (whole === 0 ? null : part / whole);

/**
 * 诉求台账 for a month (or a run of months): every complaint received, with when it was answered and resolved
 * against its limits, its outcome and rating, and the three rates by grid. Reporters as access.ts allows.
 */
export const complaintsExport: ExportSpec<{ months: YearMonth[] }> = {
  id: 'complaints',
  names: ['诉求', '居民诉求', '诉求台账'],
  summary: '诉求台账：每件诉求的受理、办结、时限、评价和三率（Excel）',
  example: '导出 诉求 11月',
  parse(rest, { now, timeZone }) {
    if (!rest.trim()) return ok({ months: [currentYearMonth(now, timeZone)] });
    const months = parsePeriod(rest, now, timeZone);
    return months
      ? ok({ months })
      : invalid('请写要导出的月份，例如「导出 诉求 11月」或「导出 诉求 上个月」。');
  },
  async build({ models, scope, now, timeZone, viewer }, { months }) {
    const complaints = await models.Complaint.find({
      ...(await complaintFilter(models, scope.filter)),
      month: { $in: months },
    })
      .sort({ year: 1, seq: 1 })
      .lean<Complaint[]>();
    const period = formatPeriod(months);
    if (complaints.length === 0) throw new UserError(`${period}（${scope.label}）没有收到居民诉求。`);
    const gridIds = complaints.map((c) => c.gridId).filter((id): id is Types.ObjectId => id !== null);
    const grids = await models.Grid.find({ _id: { $in: gridIds } }, { code: 1, name: 1 }).lean();
    const gridName = new Map(grids.map((g) => [String(g._id), `${g.code} ${g.name}`]));

    const ledger: Cell[][] = complaints.map((c, i) => [
      i + 1,
      c.number,
      stamp(reportedAt(c), timeZone),
      categoryLabel(c.category),
      c.description,
      placeText(c),
      c.gridId ? (gridName.get(String(c.gridId)) ?? '') : '未分网格',
      c.urgent ? '紧急' : '一般',
      STATE_LABELS[c.state],
      c.handlerName,
      c.respondedAt ? stamp(c.respondedAt, timeZone) : '',
      respondedInTime(c, now),
      resolved(c) ? stamp(c.resolvedAt!, timeZone) : '',
      c.state === 'duplicate' || c.state === 'rejected' ? '' : stamp(c.resolveDeadline, timeZone),
      resolvedInTime(c, now),
      outcome(c),
      c.rating ? `${c.rating}${c.ratingComment ? `（${c.ratingComment}）` : ''}` : '',
      ...reporterCells(c, viewer),
    ]);
    const f = await complaintFigures(models, scope.filter, months, now);
    const byGrid: Cell[][] = f.byGrid.map((g) => [
      g.name,
      g.received,
      g.respondedOnTime,
      g.responseDue,
      fraction(g.respondedOnTime, g.responseDue),
      g.resolved,
      g.resolvable,
      fraction(g.resolved, g.resolvable),
      g.satisfied,
      g.rated,
      fraction(g.satisfied, g.rated),
    ]);

    const workbook = new (await loadExcel()).Workbook();
    addTable(workbook, '诉求台账', `${scope.name} ${period}居民诉求台账`, LEDGER, ledger);
    addTable(workbook, '按网格汇总', `${scope.name} ${period}居民诉求三率（按网格）`, GRIDS, byGrid);
    const masked = complaints.some((c) => !viewer || !seesReporter(c, viewer));
    const duplicates = complaints.length - f.received;
    return {
      filename: `诉求台账-${months[0]}${months.length > 1 ? `至${months.at(-1)}` : ''}-${scope.name}.xlsx`,
      data: await toBuffer(workbook),
      summary: `${period}居民诉求（${scope.name}）：收到${f.received}件${duplicates > 0 ? `（另有重复反映${duplicates}件，并入原件）` : ''}，已办结${f.resolved}件；${describeRates(f)}。${masked ? '反映人姓名、电话按隐私规定部分隐去。' : ''}`,
    };
  },
};
