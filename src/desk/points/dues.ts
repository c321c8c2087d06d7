import { civilToday, isoDate } from '../../domain/text/calendar.js';
import { currentYearMonth, type YearMonth } from '../../domain/text/index.js';
import type { DuesMonth } from '../../dues/month-rows.js';
import { loadDuesMonths } from '../../dues/month-rows.js';
import type { PointSource } from './types.js';

/** What the points need to know of a member's dues arrangement (as it stands now). */
export interface DuesArrangement {
  memberId: string;
  duesSchedule: 'monthly' | 'quarterly';
  /** 免交 approved up to this month (inclusive), or null. */
  exemptUntil: string | null;
}

/** The last month of `month`'s quarter: 2026-08 → 2026-09. */
function quarterEnd(month: YearMonth): YearMonth {
  const m = Number(month.slice(5));
  return `${month.slice(0, 4)}-${String(Math.ceil(m / 3) * 3).padStart(2, '0')}` as YearMonth;
}

/**
 * The member-months that earn the dues point. Paid on time: by the end of the month, or — for approved quarterly
 * payers — by the end of its quarter (paying ahead counts; 补交 later does not). Months with nothing to pay (免交
 * approved, or 少交 reduced to nothing) are credited as on time up to the current month, so an approved exemption
 * never costs a member points against the cap.
 */
export function duesOnTime(
  rows: readonly DuesMonth[],
  members: readonly DuesArrangement[],
  months: readonly YearMonth[],
  current: YearMonth,
  timeZone: string,
): Array<{ memberId: string; month: YearMonth }> {
  const byKey = new Map(rows.map((r) => [`${r.memberId}:${r.month}`, r]));
  const result: Array<{ memberId: string; month: YearMonth }> = [];
  for (const m of members) {
    for (const month of months) {
      const row = byKey.get(`${m.memberId}:${month}`);
      if (row?.payment) {
        const paid = isoDate(civilToday(row.payment.paidAt, timeZone)).slice(0, 7);
        const deadline = m.duesSchedule === 'quarterly' ? quarterEnd(month) : month;
        if (paid <= deadline) result.push({ memberId: m.memberId, month });
        continue;
      }
      const exempt = m.exemptUntil !== null && m.exemptUntil >= month;
      const waived = row !== undefined && row.dueFen === null && row.waiverRef !== null;
      if ((exempt || waived) && month <= current) result.push({ memberId: m.memberId, month });
    }
  }
  return result;
}

/** The dues point per month, from the dues ledger and each member's approved arrangement. */
export const duesPoints: PointSource = {
  id: 'dues',
  async load({ models, communityId, memberIds, months, now, timeZone }) {
    const [rows, members] = await Promise.all([
      loadDuesMonths(models, { communityId, memberId: { $in: memberIds } }, months),
      models.Member.find({ _id: { $in: memberIds } }, { duesSchedule: 1, duesExempt: 1 }).lean(),
    ]);
    const arrangements = members.map((m) => ({
      memberId: String(m._id),
      duesSchedule: m.duesSchedule,
      exemptUntil: m.duesExempt?.until ?? null,
    }));
    return duesOnTime(rows, arrangements, months, currentYearMonth(now, timeZone) as YearMonth, timeZone).map(
      (r) => ({ memberId: r.memberId, event: 'dues-on-time' as const, quantity: 1 }),
    );
  },
};
