/**
 * The official calendar of days off, from the maintained `chinese-days` package (it follows the State Council's
 * notice each year; 2026 is in it) — never a hand-typed table. Its own word "holiday" also covers every ordinary
 * weekend; the study-day rules care about statutory holidays only, so this module says which is which.
 */

import chineseDays from 'chinese-days';
import type { IsoDate } from '../text/calendar.js';
import { addDays, weekdayOf } from './days.js';

/** getDayDetail names a statutory day 'National Day,国庆节,3' and an ordinary one 'Sunday'. */
function festivalName(date: IsoDate): string | null {
  const { name } = chineseDays.getDayDetail(date);
  const parts = name.split(',');
  return parts.length >= 2 ? (parts[1] ?? null) : null;
}

/** The statutory holiday `date` is a day off for (e.g. '国庆节'), or null — ordinary weekends are null. */
export function statutoryHoliday(date: IsoDate): string | null {
  return chineseDays.getDayDetail(date).work ? null : festivalName(date);
}

/** A weekend day that is a working day to make up for a holiday (调休上班), named after that holiday. */
export function makeUpWorkday(date: IsoDate): string | null {
  const { work } = chineseDays.getDayDetail(date);
  return work && weekdayOf(date) >= 6 ? festivalName(date) : null;
}

/** Monday–Friday unless a holiday, plus make-up weekend workdays. */
export const isWorkday = (date: IsoDate): boolean => chineseDays.isWorkday(date);

/**
 * Whether the package knows `year`'s holidays. The notice for a year comes out in November before it; until
 * the package carries it, days of that year look like plain weekdays and weekends. New Year's Day is a
 * statutory holiday every year, so it is the probe.
 */
export const calendarKnown = (year: number): boolean => festivalName(`${year}-01-01` as IsoDate) !== null;

/** The nearest working day after (`step` 1) or before (-1) `date`; a month's search is plenty for any holiday. */
export function nearestWorkday(date: IsoDate, step: 1 | -1): IsoDate {
  for (let d = addDays(date, step), i = 0; i < 31; i++, d = addDays(d, step)) {
    if (isWorkday(d)) return d;
  }
  throw new RangeError(`no working day within a month of ${date}`);
}

/** What members write for a holiday → the name the calendar uses. */
const HOLIDAY_WORDS: ReadonlyArray<readonly [RegExp, string]> = [
  [/国庆/, '国庆节'],
  [/春节|过年|大年/, '春节'],
  [/元旦/, '元旦'],
  [/清明/, '清明'],
  [/五一|劳动节/, '劳动节'],
  [/端午/, '端午'],
  [/中秋/, '中秋'],
];

/** The holiday a sentence mentions (「国庆放假 学习还开不开」 → '国庆节'), or undefined. */
export function holidayMentioned(text: string): string | undefined {
  return HOLIDAY_WORDS.find(([word]) => word.test(text))?.[1];
}

export interface HolidayPeriod {
  name: string;
  first: IsoDate;
  last: IsoDate;
}

/** The next run of days off for holiday `name` (or the one in progress), searched a year ahead from `from`. */
export function nextHolidayPeriod(name: string, from: IsoDate): HolidayPeriod | undefined {
  const matches = (d: IsoDate) => statutoryHoliday(d)?.includes(name) ?? false;
  let d = from;
  while (matches(addDays(d, -1))) d = addDays(d, -1);
  for (let i = 0; i < 400; i++, d = addDays(d, 1)) {
    if (!matches(d)) continue;
    let last = d;
    while (matches(addDays(last, 1))) last = addDays(last, 1);
    return { name: statutoryHoliday(d) ?? name, first: d, last };
  }
  return undefined;
}
