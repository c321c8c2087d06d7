import { Types } from 'mongoose';
import { addMonths, consecutiveUnpaid, lateThrough } from '../../src/domain/dues/allocation.js';
import { formatYuan } from '../../src/domain/dues/calculator.js';
import { currentYearMonth, monthLabel, type YearMonth } from '../../src/domain/text/index.js';
import { collectionRate, duesFigures } from '../../src/dues/branch-figures.js';
import { loadLedger } from '../../src/dues/ledger.js';
import { freshLines, noticeEachBranch, total } from './branch-notices.js';
import type { ScheduledJob } from './types.js';

/** The morning after the reminders: each branch's secretaries get the unpaid names and the collection rate. */
export const duesSummary: ScheduledJob = {
  name: 'dues-summary',
  summary: '每月16日向支部书记发送本月党费收缴情况',
  pattern: '0 9 16 * *',
  async run({ deps, at }) {
    const month = currentYearMonth(at, deps.config.timeZone) as YearMonth;
    const sent = await noticeEachBranch(deps, at, async ({ branch, scope, officerIds }) => {
      const figures = await duesFigures(deps.models, scope, [month]);
      if (figures.dueFen === 0) return [];
      const names = figures.unpaid.map((u) => u.name);
      const text = () =>
        `${branch.name} ${monthLabel(month)}党费：应缴 ${formatYuan(figures.dueFen)}，实缴 ${formatYuan(figures.paidFen)}，收缴率 ${collectionRate(figures)}。` +
        (names.length ? `\n未交（${names.length}人）：${names.join('、')}` : '\n全部交齐。');
      return [{ kind: 'dues-summary', period: month, subjects: officerIds, text }];
    });
    return `${month} 党费收缴情况：发给 ${sent.filter((n) => n > 0).length} 个支部的书记`;
  },
};

/**
 * Members 3 and 6 consecutive months behind, to their branch's secretaries, once per member and month.
 * Only months already late count: not this month, which members were asked to pay within, nor an approved
 * quarterly payer's unfinished quarter. At 6 months the message names the Art. 9 procedure — a flag for the branch to act on, never a decision.
 */
export const duesArrearsAlerts: ScheduledJob = {
  name: 'dues-arrears-alerts',
  summary: '每月16日提醒书记：连续3个月、6个月未交党费的党员',
  pattern: '30 9 16 * *',
  async run({ deps, at }) {
    const month = currentYearMonth(at, deps.config.timeZone) as YearMonth;
    const flagged = await noticeEachBranch(deps, at, async ({ branch, scope }) => {
      // Anyone 3 months behind is unpaid in the three months before this one (a quarterly payer in the
      // earliest of them at least: their last completed quarter ends there at the latest).
      const figures = await duesFigures(deps.models, scope, [
        addMonths(month, -3),
        addMonths(month, -2),
        addMonths(month, -1),
      ]);
      const ids = figures.unpaid.map((u) => new Types.ObjectId(u.memberId));
      const quarterly = new Set(
        (await deps.models.Member.find({ _id: { $in: ids }, duesSchedule: 'quarterly' }, { _id: 1 })).map(
          (m) => String(m._id),
        ),
      );
      const behind: Array<{ id: Types.ObjectId; name: string; months: number }> = [];
      for (const u of figures.unpaid) {
        const id = new Types.ObjectId(u.memberId);
        const ledger = await loadLedger(deps.models, id);
        const through = lateThrough(month, quarterly.has(u.memberId) ? 'quarterly' : 'monthly');
        const months = consecutiveUnpaid([...ledger.charged.keys()], ledger.covered, through);
        if (months >= 3) behind.push({ id, name: u.name, months });
      }
      return (
        [
          ['arrears-6', 6, Infinity],
          ['arrears-3', 3, 6],
        ] as const
      ).map(([kind, min, max]) => {
        const group = behind.filter((b) => b.months >= min && b.months < max);
        const text = (fresh: Set<string>) => {
          const names = freshLines(
            fresh,
            group,
            (b) => String(b.id),
            // The message says 「连续6个月以上」 once; a count is added only where it says more than that.
            (b) => (b.months > min ? `${b.name}（连续${b.months}个月）` : b.name),
          );
          return kind === 'arrears-6'
            ? `${branch.name}：${names} 已连续6个月以上未交党费。按党章第九条，无正当理由连续六个月不交纳党费的，以自行脱党论，须经支部大会讨论决定、报上级党组织批准。请先了解原因、谈心谈话，由支部按程序研究。`
            : `${branch.name}：${names} 已连续3个月未交党费，请及时了解情况、提醒补交。`;
        };
        return { kind, period: month, subjects: group.map((b) => b.id), text };
      });
    });
    return `${month} 欠费提醒：新提醒 ${total(flagged)} 人`;
  },
};
