import { invalid, ok } from '../../bot/command.js';
import { UserError } from '../../bot/user-error.js';
import { ACTIVITY_TYPE_LABELS, type ActivityType } from '../../domain/activity.js';
import { civilToday, isoDate } from '../../domain/text/calendar.js';
import { currentYearMonth, formatPeriod, parsePeriod, type YearMonth } from '../../domain/text/index.js';
import { loadExcel } from '../../spreadsheets/excel.js';
import { addTable, type Cell, type Column, toBuffer } from './sheet.js';
import type { ExportSpec } from './types.js';

const RECORDS: Column[] = [
  { header: '序号', width: 6 },
  { header: '日期', width: 12 },
  { header: '姓名', width: 10 },
  { header: '支部', width: 14 },
  { header: '党小组', width: 12 },
  { header: '类型', width: 14 },
  { header: '时长(小时)', width: 10, numFmt: '0.0' },
  { header: '地点', width: 16 },
  { header: '同行人员', width: 16 },
  { header: '内容', width: 40 },
  { header: '佐证照片(张)', width: 12 },
  { header: '登记日期', width: 12 },
];

const SUMMARY: Column[] = [
  { header: '序号', width: 6 },
  { header: '姓名', width: 10 },
  { header: '支部', width: 14 },
  { header: '次数', width: 8 },
  { header: '合计时长(小时)', width: 14, numFmt: '0.0' },
  { header: '志愿服务(小时)', width: 14, numFmt: '0.0' },
];

const hoursOf = (minutes: number) => Math.round((minutes / 60) * 10) / 10;

/** 活动记录 for a month (or a quarter, a run of months): every activity recorded, and a total per member. */
export const activitiesExport: ExportSpec<{ months: YearMonth[] }> = {
  id: 'activities',
  names: ['活动', '活动记录'],
  summary: '活动记录：每次活动的日期、人员、类型、时长（Excel）',
  example: '导出 活动 11月',
  parse(rest, { now, timeZone }) {
    if (!rest.trim()) return ok({ months: [currentYearMonth(now, timeZone)] });
    const months = parsePeriod(rest, now, timeZone);
    return months
      ? ok({ months })
      : invalid('请写要导出的月份，例如「导出 活动 11月」或「导出 活动 上个月」。');
  },
  async build({ models, scope, timeZone }, { months }) {
    const activities = await models.Activity.find({ ...scope.filter, month: { $in: months }, undoneAt: null })
      .sort({ date: 1, createdAt: 1 })
      .lean();
    const period = formatPeriod(months);
    if (activities.length === 0) throw new UserError(`${period}（${scope.label}）没有活动记录。`);
    const { communityId } = scope.filter;
    const [members, branches, groups] = await Promise.all([
      models.Member.find(
        { _id: { $in: [...new Set(activities.map((a) => String(a.memberId)))] } },
        { name: 1 },
      ).lean(),
      models.Branch.find({ communityId }, { name: 1 }).lean(),
      models.PartyGroup.find({ communityId }, { name: 1 }).lean(),
    ]);
    const names = new Map([...members, ...branches, ...groups].map((d) => [String(d._id), d.name]));
    const nameOf = (id: unknown) => (id ? (names.get(String(id)) ?? '') : '');

    const totals = new Map<string, { count: number; minutes: number; volunteer: number; branch: string }>();
    const records: Cell[][] = activities.map((a, i) => {
      const t = totals.get(String(a.memberId)) ?? {
        count: 0,
        minutes: 0,
        volunteer: 0,
        branch: nameOf(a.branchId),
      };
      t.count++;
      t.minutes += a.minutes ?? 0;
      if (a.type === 'volunteer') t.volunteer += a.minutes ?? 0;
      totals.set(String(a.memberId), t);
      return [
        i + 1,
        a.date,
        nameOf(a.memberId) || '已离开',
        nameOf(a.branchId),
        nameOf(a.partyGroupId),
        ACTIVITY_TYPE_LABELS[a.type as ActivityType],
        a.minutes == null ? null : hoursOf(a.minutes),
        a.place ?? '',
        a.companionNames.join('、'),
        a.description,
        a.evidence.length,
        a.createdAt ? isoDate(civilToday(a.createdAt, timeZone)) : '',
      ];
    });
    const summary: Cell[][] = [...totals.entries()]
      .sort((a, b) => b[1].minutes - a[1].minutes || b[1].count - a[1].count)
      .map(([id, t], i) => [
        i + 1,
        nameOf(id) || '已离开',
        t.branch,
        t.count,
        hoursOf(t.minutes),
        hoursOf(t.volunteer),
      ]);

    const workbook = new (await loadExcel()).Workbook();
    addTable(workbook, '活动记录', `${scope.name} ${period}活动记录`, RECORDS, records);
    addTable(workbook, '按党员汇总', `${scope.name} ${period}活动汇总`, SUMMARY, summary);
    const minutes = activities.reduce((sum, a) => sum + (a.minutes ?? 0), 0);
    return {
      filename: `活动记录-${months[0]}${months.length > 1 ? `至${months.at(-1)}` : ''}-${scope.name}.xlsx`,
      data: await toBuffer(workbook),
      summary: `${period}活动记录（${scope.name}）：${activities.length}次，${totals.size}人参与，合计${hoursOf(minutes)}小时。`,
    };
  },
};
