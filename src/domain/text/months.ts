/** Which months a member means, mostly for dues: 上个月, 三月份, 1到3月, 今年上半年, 去年十二月. */

import { civilToday, type YearMonth, yearMonth } from './calendar.js';
import { foldWidth } from './normalise.js';
import { parseChineseNumber } from './numerals.js';
import {
  MONTH_OFFSETS,
  MONTH_WORD,
  monthNumber,
  shiftMonth,
  YEAR_OFFSETS,
  YEAR_WORD,
} from './relative-words.js';
import { bestHit, type Hit, hitAt, matchedText } from './scan.js';

export interface MonthsMatch {
  /** In calendar order, at least one. */
  months: YearMonth[];
  /** The substring of the input that was read, e.g. '今年上半年'. */
  matched: string;
  index: number;
}

const MONTH = '\\d{1,2}|[一二三四五六七八九十]{1,2}';
const NOT_INSIDE_NUMBER = '(?<![0-9零一二两三四五六七八九十百千万])';
const YEAR = `(?:(?<y>\\d{4}|[零一二三四五六七八九]{4})\\s*年|(?<yw>${YEAR_WORD}))\\s*`;
const RANGE_SEP = '\\s*(?:-|~|—|–|到|至)\\s*';
/** 11月20号 is a date, not the month of November. */
const NOT_A_DATE = '(?!\\s*(?:\\d|[零一二两三四五六七八九十]+[日号]))';

const RELATIVE = new RegExp(`(?<rm>${MONTH_WORD})月${NOT_A_DATE}`, 'g');
const HALF_YEAR = new RegExp(`(?:${YEAR})?(?<half>上半年|下半年)`, 'g');
const RANGE = new RegExp(
  `${NOT_INSIDE_NUMBER}(?:${YEAR})?(?<m1>${MONTH})\\s*(?:月份?)?${RANGE_SEP}(?<m2>${MONTH})\\s*月份?${NOT_A_DATE}`,
  'g',
);
/** Not the end of a range that failed (5到3月). */
const SINGLE = new RegExp(
  `${NOT_INSIDE_NUMBER}(?<!(?:-|~|—|–|到|至)\\s*)(?:${YEAR})?(?<m>${MONTH})\\s*月份?${NOT_A_DATE}`,
  'g',
);
/** 十月十一月, 9月、10月和11月: several single months said one after another. */
const ONE_MONTH = `(?:${MONTH})\\s*月份?`;
const LIST = new RegExp(
  `${NOT_INSIDE_NUMBER}(?:${YEAR})?(?<list>${ONE_MONTH}(?:\\s*[、和跟及,，]?\\s*${ONE_MONTH})+)${NOT_A_DATE}`,
  'g',
);
const ONE_MONTH_AT = new RegExp(`(?<m>${MONTH})\\s*月`, 'g');

/** 今年 alone, not 今年三月 or 今年上半年 read short. */
const WHOLE_YEAR = new RegExp(
  `(?<yw>${YEAR_WORD})(?!\\s*(?:[0-9零一二三四五六七八九十]|上半年|下半年))`,
  'g',
);

/** The month `now` falls in, on the wall clocks of `timeZone`. */
export function currentYearMonth(now: Date, timeZone: string): YearMonth {
  const { year, month } = civilToday(now, timeZone);
  return yearMonth(year, month);
}

/**
 * The first mention of months in `text`. A month without a year (11月, 1到3月) is this year's unless it (the
 * range's first month) is still to come; then last year's: dues are asked about after the fact. 今年 alone is
 * January to the current month; 上半年/下半年 and other years are whole. 正月/腊月 (lunar) are not read.
 */
export function parseMonths(
  text: string,
  now: Date,
  timeZone: string,
  options: { prefer?: 'past' | 'future' } = {},
): MonthsMatch | undefined {
  const folded = foldWidth(text);
  const today = civilToday(now, timeZone);
  const hits: Hit<YearMonth[] | undefined>[] = [];
  const add = (m: RegExpExecArray, value: YearMonth[] | undefined) => hits.push(hitAt(m, value));
  const explicitYear = (g: Record<string, string | undefined>) =>
    g.y ? parseChineseNumber(g.y) : g.yw ? today.year + (YEAR_OFFSETS[g.yw] ?? 0) : undefined;
  // A month without a year: the latest one up to now for records (dues, activities), the next one for plans.
  const inferredYear =
    options.prefer === 'future'
      ? (month: number) => (month >= today.month ? today.year : today.year + 1)
      : (month: number) => (month <= today.month ? today.year : today.year - 1);

  for (const m of folded.matchAll(RELATIVE)) {
    const { year, month } = shiftMonth(today.year, today.month, MONTH_OFFSETS[m.groups?.rm ?? ''] ?? 0);
    add(m, [yearMonth(year, month)]);
  }
  for (const m of folded.matchAll(HALF_YEAR)) {
    const g = m.groups ?? {};
    const first = g.half === '上半年' ? 1 : 7;
    add(m, span(explicitYear(g) ?? today.year, first, first + 5));
  }
  for (const m of folded.matchAll(RANGE)) {
    const g = m.groups ?? {};
    const [from, to] = [monthNumber(g.m1 ?? ''), monthNumber(g.m2 ?? '')];
    if (from === undefined || to === undefined || from > to) add(m, undefined);
    else add(m, span(explicitYear(g) ?? inferredYear(from), from, to));
  }
  for (const m of folded.matchAll(SINGLE)) {
    const g = m.groups ?? {};
    const month = monthNumber(g.m ?? '');
    add(m, month === undefined ? undefined : span(explicitYear(g) ?? inferredYear(month), month, month));
  }
  for (const m of folded.matchAll(LIST)) {
    const g = m.groups ?? {};
    const months = [...(g.list ?? '').matchAll(ONE_MONTH_AT)].map((one) => monthNumber(one.groups?.m ?? ''));
    if (months.some((month) => month === undefined)) add(m, undefined);
    else {
      const listed = (months as number[]).map((month) =>
        span(explicitYear(g) ?? inferredYear(month), month, month),
      );
      add(m, listed.every(Boolean) ? [...new Set(listed.flat() as YearMonth[])].sort() : undefined);
    }
  }
  for (const m of folded.matchAll(WHOLE_YEAR)) {
    const offset = YEAR_OFFSETS[m.groups?.yw ?? ''] ?? 0;
    add(m, span(today.year + offset, 1, offset === 0 ? today.month : 12));
  }

  const hit = bestHit(hits);
  return hit?.value && { months: hit.value, matched: matchedText(text, hit), index: hit.index };
}

/** The months `text` names, else the current one: what a figure without a month (我的活动, 活动统计) is for. */
export function monthsOrCurrent(text: string, now: Date, timeZone: string): YearMonth[] {
  return parseMonths(text, now, timeZone)?.months ?? [currentYearMonth(now, timeZone)];
}

function span(year: number | undefined, from: number, to: number): YearMonth[] | undefined {
  if (year === undefined) return undefined;
  return Array.from({ length: to - from + 1 }, (_, i) => yearMonth(year, from + i));
}
