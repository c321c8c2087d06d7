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

/** Runs of this many consecutive months or more are written as a range. */
const RANGE_FROM = 3;

const next = (m: YearMonth): YearMonth => {
  const [y, n] = m.split('-').map(Number) as [number, number];
  return (n === 12 ? `${y + 1}-01` : `${y}-${String(n + 1).padStart(2, '0')}`) as YearMonth;
};

/**
 * A list of months as people write it: runs as ranges (6–12月), others one by one (3月、5月); with years only when
 * the months span more than one (2025年11月–2026年2月).
 */
export function monthSpans(months: readonly YearMonth[]): string {
  const sorted = [...new Set(months)].sort();
  const label = new Set(sorted.map((m) => m.slice(0, 4))).size > 1 ? yearMonthLabel : monthLabel;
  const runs: YearMonth[][] = [];
  for (const m of sorted) {
    const run = runs.at(-1);
    if (run && next(run.at(-1)!) === m) run.push(m);
    else runs.push([m]);
  }
  return runs
    .flatMap((run) => {
      if (run.length < RANGE_FROM) return run.map(label);
      const [first, last] = [run[0]!, run.at(-1)!];
      return label === monthLabel
        ? [`${Number(first.slice(5))}–${monthLabel(last)}`]
        : [`${yearMonthLabel(first)}–${yearMonthLabel(last)}`];
    })
    .join('、');
}

export const hours = (minutes: number) => `${Math.round((minutes / 60) * 10) / 10}小时`;

/** Names for a phone screen: all of a few, else the first `max` and how many in all (王海、陈淑芬…等12人). */
export function someNames(names: readonly string[], max = 5): string {
  if (names.length <= max) return names.join('、');
  return `${names.slice(0, max).join('、')}等${names.length}人`;
}
