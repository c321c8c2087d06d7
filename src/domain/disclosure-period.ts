/**
 * 党务公开 periods (domain.md §2.4: periodic items such as dues are published on a fixed cadence, often every
 * two months or quarterly). Periods are blocks of `every` months counted from January, so a cadence that
 * divides the year gives the same blocks every year: every 2 → Jan–Feb, Mar–Apr, …
 */
import { addMonths, monthsBetween } from './dues/allocation.js';
import type { YearMonth } from './text/index.js';

/** Cadences (months) that divide the year. */
export const DISCLOSURE_CADENCES = [1, 2, 3, 4, 6, 12] as const;

const monthOfYear = (month: YearMonth) => Number(month.slice(5));

/** The latest period that has fully ended before `month` begins. */
export function lastClosedPeriod(month: YearMonth, every: number): YearMonth[] {
  const opened = addMonths(month, -((monthOfYear(month) - 1) % every));
  return monthsBetween(addMonths(opened, -every), addMonths(opened, -1));
}

/** When `month` opens a period, the period that has just ended (to publish now); otherwise null. */
export function periodClosedBy(month: YearMonth, every: number): YearMonth[] | null {
  return (monthOfYear(month) - 1) % every === 0 ? lastClosedPeriod(month, every) : null;
}

/** A stable key for a period: 2026-01~2026-02. */
export const periodKey = (months: readonly YearMonth[]): string => `${months[0]}~${months.at(-1)}`;
