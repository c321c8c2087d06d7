/** How periods and amounts of time are written back to people: 2026年1月–3月, 2.5小时. */

import type { YearMonth } from './calendar.js';

/** 2026-11 → 2026年11月; a run of months → 2026年1月–3月. */
export function formatPeriod(months: readonly YearMonth[]): string {
  const first = months[0];
  const last = months[months.length - 1];
  if (!first || !last) return '';
  const [y1, m1] = first.split('-').map(Number);
  const [y2, m2] = last.split('-').map(Number);
  if (first === last) return `${y1}年${m1}月`;
  return y1 === y2 ? `${y1}年${m1}月–${m2}月` : `${y1}年${m1}月–${y2}年${m2}月`;
}

/** 2026-03 → 3月. */
export const monthLabel = (month: YearMonth): string => `${Number(month.slice(5))}月`;

/** 2026-03 → 2026年3月. */
export const yearMonthLabel = (month: YearMonth): string => `${month.slice(0, 4)}年${monthLabel(month)}`;

export const hours = (minutes: number) => `${Math.round((minutes / 60) * 10) / 10}小时`;
