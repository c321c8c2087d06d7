/** The words for "last / this / next" year and month, shared by the date and month parsers. */

import { parseChineseNumber } from './numerals.js';

/** Alternatives longest first, so 上上个 is tried before 上. */
export const alternation = (words: Iterable<string>): string =>
  [...words].sort((a, b) => b.length - a.length).join('|');

export const YEAR_OFFSETS: Readonly<Record<string, number>> = { 前年: -2, 去年: -1, 今年: 0, 明年: 1 };
export const YEAR_WORD = alternation(Object.keys(YEAR_OFFSETS));

/** The word before 月: 上个月, 上月, 这个月, 本月, 当月, 下个月. */
export const MONTH_OFFSETS: Readonly<Record<string, number>> = {
  上上个: -2,
  上上: -2,
  上个: -1,
  上: -1,
  这个: 0,
  这: 0,
  本: 0,
  当: 0,
  下个: 1,
  下: 1,
};
export const MONTH_WORD = alternation(Object.keys(MONTH_OFFSETS));

/** The (year, month) `offset` months away. */
export function shiftMonth(year: number, month: number, offset: number): { year: number; month: number } {
  const index = year * 12 + (month - 1) + offset;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/** A month number 1–12 written as 11 or 十一; undefined otherwise (13, 十三). */
export function monthNumber(s: string): number | undefined {
  const n = parseChineseNumber(s);
  return n !== undefined && Number.isInteger(n) && n >= 1 && n <= 12 ? n : undefined;
}
