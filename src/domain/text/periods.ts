/** Reporting periods as secretaries name them: a month, a quarter (三季度), a year (2026年, 去年), or any run of months. */

import { civilToday, type YearMonth, yearMonth } from './calendar.js';
import { parseMonths } from './months.js';
import { foldWidth } from './normalise.js';
import { shiftMonth, YEAR_OFFSETS, YEAR_WORD } from './relative-words.js';

const YEAR = `(?:(?<y>\\d{4})\\s*年?|(?<yw>${YEAR_WORD}))`;
const QUARTER = new RegExp(`(?:${YEAR}\\s*)?(?:第\\s*)?(?<q>[一二三四1-4])\\s*季度`);
const YEAR_ALONE = new RegExp(`^\\s*${YEAR}\\s*(?:全年|度)?\\s*$`);
/** A quarter without its number: 本季度 / 这个季度 / 季度 alone (「导出 考勤 季度」) is this one, 上季度 the last. */
const RELATIVE_QUARTER = /(?<last>上一?个?)?(?:本|这一?个?|当前)?季度/;
/** 年 / 全年 / 本年 on their own (「导出 考勤 年」): this year. */
const THIS_YEAR = /^\s*(?:本|全)?年\s*$/;

function yearOf(groups: Record<string, string | undefined>, today: number): number | undefined {
  if (groups.y) return Number(groups.y);
  if (groups.yw) return today + (YEAR_OFFSETS[groups.yw] ?? 0);
  return undefined;
}

/** The last `count` months, this one included, oldest first: what 近3个月 and 近12个月 mean. */
export function recentMonths(now: Date, timeZone: string, count: number): YearMonth[] {
  const today = civilToday(now, timeZone);
  return Array.from({ length: count }, (_, i) => {
    const { year, month } = shiftMonth(today.year, today.month, i - count + 1);
    return yearMonth(year, month);
  });
}

/** The three months of this quarter (offset 0) or of one before it (-1), as a numbered quarter gives them. */
export function quarterMonths(now: Date, timeZone: string, offset = 0): YearMonth[] {
  const today = civilToday(now, timeZone);
  const start = shiftMonth(today.year, today.month - ((today.month - 1) % 3), offset * 3);
  return [0, 1, 2].map((i) => {
    const { year, month } = shiftMonth(start.year, start.month, i);
    return yearMonth(year, month);
  });
}

/**
 * The months a period names, in calendar order: 三季度 / 2026年第三季度 / 去年四季度 (a quarter without a year is
 * this year's), 本季度 / 上季度, a year (this one up to the current month; 年 alone is this one), then whatever
 * parseMonths reads (11月, 上个月, 今年, 上半年, 1-3月). Undefined when nothing is named.
 */
export function parsePeriod(text: string, now: Date, timeZone: string): YearMonth[] | undefined {
  const folded = foldWidth(text);
  const today = civilToday(now, timeZone);
  const quarter = QUARTER.exec(folded);
  if (quarter?.groups) {
    const q = '一二三四'.indexOf(quarter.groups.q ?? '') + 1 || Number(quarter.groups.q);
    const year = yearOf(quarter.groups, today.year) ?? today.year;
    return [1, 2, 3].map((i) => yearMonth(year, (q - 1) * 3 + i));
  }
  const relative = RELATIVE_QUARTER.exec(folded);
  if (relative) return quarterMonths(now, timeZone, relative.groups?.last ? -1 : 0);
  if (THIS_YEAR.test(folded)) return yearMonths(today.year, now, timeZone);
  const year = parseYear(folded, now, timeZone);
  if (year !== undefined) return yearMonths(year, now, timeZone);
  return parseMonths(folded, now, timeZone)?.months;
}

/** Not the year of a month or a half-year (2026年3月, 去年上半年): those name months, not a year. */
const YEAR_ANYWHERE = new RegExp(
  `(?<![0-9])${YEAR}(?![0-9]|\\s*年?\\s*(?:[0-9零一二两三四五六七八九十]+\\s*月|[上下]半年|第?\\s*[一二三四1-4]\\s*季度))`,
);

/** A year mentioned anywhere (我的积分 去年, 积分排行 退休支部 2025年), with the text that named it. */
export function findYear(
  text: string,
  now: Date,
  timeZone: string,
): { year: number; matched: string } | undefined {
  const folded = foldWidth(text);
  const match = YEAR_ANYWHERE.exec(folded);
  if (!match?.groups) return undefined;
  const year = yearOf(match.groups, civilToday(now, timeZone).year);
  return year === undefined
    ? undefined
    : { year, matched: text.slice(match.index, match.index + match[0].length) };
}

/** A year's months; like 今年 in parseMonths, the current year runs to the current month only. */
export function yearMonths(year: number, now: Date, timeZone: string): YearMonth[] {
  const today = civilToday(now, timeZone);
  const last = year === today.year ? today.month : 12;
  return Array.from({ length: last }, (_, i) => yearMonth(year, i + 1));
}

/** A whole year: 2026 / 2026年 / 今年 / 去年; undefined for anything else (a blank text included). */
export function parseYear(text: string, now: Date, timeZone: string): number | undefined {
  const match = YEAR_ALONE.exec(foldWidth(text));
  return match?.groups ? yearOf(match.groups, civilToday(now, timeZone).year) : undefined;
}
