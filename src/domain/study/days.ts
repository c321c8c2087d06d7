/** Day arithmetic on 'YYYY-MM-DD' strings, which also sort in calendar order. */

import { parseIsoDate } from '../activity.js';
import {
  civilToday,
  dayNumber,
  fromDayNumber,
  type IsoDate,
  isoDate,
  isoWeekday,
  type YearMonth,
} from '../text/calendar.js';

export const addDays = (date: IsoDate, days: number): IsoDate =>
  isoDate(fromDayNumber(dayNumber(parseIsoDate(date)) + days));

/** 1 = Monday … 7 = Sunday. */
export const weekdayOf = (date: IsoDate): number => isoWeekday(dayNumber(parseIsoDate(date)));

/** Days in a month (month 1–12). */
export const monthLength = (year: number, month: number): number =>
  new Date(Date.UTC(year, month, 0)).getUTCDate();

/** Today's date at `now` on the clocks of `timeZone`. */
export const civilIsoDate = (now: Date, timeZone: string): IsoDate => isoDate(civilToday(now, timeZone));

/** The first and the last day of a run of months in calendar order (2026-07…2026-09 → 07-01 to 09-30). */
export function monthsSpan(months: readonly YearMonth[]): { from: IsoDate; to: IsoDate } {
  const first = months[0]!;
  const last = months[months.length - 1]!;
  const [year, month] = last.split('-').map(Number) as [number, number];
  return {
    from: `${first}-01` as IsoDate,
    to: `${last}-${String(monthLength(year, month)).padStart(2, '0')}` as IsoDate,
  };
}
