/** Day arithmetic on 'YYYY-MM-DD' strings, which also sort in calendar order. */

import { parseIsoDate } from '../activity.js';
import { civilToday, dayNumber, fromDayNumber, type IsoDate, isoDate, isoWeekday } from '../text/calendar.js';

export const addDays = (date: IsoDate, days: number): IsoDate =>
  isoDate(fromDayNumber(dayNumber(parseIsoDate(date)) + days));

/** 1 = Monday … 7 = Sunday. */
export const weekdayOf = (date: IsoDate): number => isoWeekday(dayNumber(parseIsoDate(date)));

/** Days in a month (month 1–12). */
export const monthLength = (year: number, month: number): number =>
  new Date(Date.UTC(year, month, 0)).getUTCDate();

/** Today's date at `now` on the clocks of `timeZone`. */
export const civilIsoDate = (now: Date, timeZone: string): IsoDate => isoDate(civilToday(now, timeZone));
