/** Calendar dates without a time of day, and "today" in a community's time zone. */

import { TZDate } from '@date-fns/tz';

/** A calendar date, 'YYYY-MM-DD'. */
export type IsoDate = `${number}-${number}-${number}`;
/** A calendar month, 'YYYY-MM'. */
export type YearMonth = `${number}-${number}`;

export interface CivilDate {
  year: number;
  month: number; // 1–12
  day: number;
}

const DAY_MS = 86_400_000;

/** The calendar date at `now` on the wall clocks of `timeZone` (IANA). Throws on an unknown zone: a config bug. */
export function civilToday(now: Date, timeZone: string): CivilDate {
  const local = new TZDate(now.getTime(), timeZone);
  const today = { year: local.getFullYear(), month: local.getMonth() + 1, day: local.getDate() };
  if (Number.isNaN(today.year)) throw new RangeError(`Unknown time zone or invalid date: ${timeZone}`);
  return today;
}

export function isValidCivil(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= new Date(Date.UTC(year, month, 0)).getUTCDate()
  );
}

/** Days since 1970-01-01: calendar arithmetic in UTC, where no day is 23 or 25 hours long. */
export function dayNumber({ year, month, day }: CivilDate): number {
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

export function fromDayNumber(n: number): CivilDate {
  const d = new Date(n * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** 1 = Monday … 7 = Sunday. */
export function isoWeekday(n: number): number {
  return ((new Date(n * DAY_MS).getUTCDay() + 6) % 7) + 1;
}

const pad = (n: number) => String(n).padStart(2, '0');

export const isoDate = ({ year, month, day }: CivilDate): IsoDate =>
  `${year}-${pad(month)}-${pad(day)}` as IsoDate;

export const yearMonth = (year: number, month: number): YearMonth => `${year}-${pad(month)}` as YearMonth;
