/** Which days a branch studies between two dates, after the holiday policy has moved the ones on holidays. */

import { parseIsoDate } from '../activity.js';
import type { IsoDate } from '../text/calendar.js';
import { shiftMonth } from '../text/relative-words.js';
import { addDays } from './days.js';
import { calendarKnown, nearestWorkday, statutoryHoliday } from './holidays.js';
import { type HolidayPolicy, ruleDatesInMonth, type StudyRule } from './rule.js';

export interface PlannedSession {
  /** The day the session is held. */
  date: IsoDate;
  /** The day the rule gives; differs from `date` when a holiday moved it. */
  plannedDate: IsoDate;
  /** The statutory holiday `plannedDate` fell on (e.g. '国庆节'), or null. */
  holiday: string | null;
  /** Whether the calendar of `date`'s year was published when planned (see calendarKnown). */
  calendarKnown: boolean;
}

/**
 * The sessions of `rule` held from `from` to `to` (inclusive), in order. A rule day on a statutory holiday moves
 * to the next working day (postpone), the previous one (advance), or stays (keep); ordinary weekends are the
 * branch's own choice and stay. Two rule days landing on the same day make one session. Rule days up to a month
 * outside the range are considered, so a day advanced or postponed into the range is not lost.
 */
export function planSessions(
  spec: { rule: StudyRule; holidayPolicy: HolidayPolicy },
  from: IsoDate,
  to: IsoDate,
): PlannedSession[] {
  const start = parseIsoDate(addDays(from, -31));
  const end = parseIsoDate(addDays(to, 31));
  const byDate = new Map<IsoDate, PlannedSession>();
  for (let { year, month } = start; year * 12 + month <= end.year * 12 + end.month; ) {
    for (const plannedDate of ruleDatesInMonth(spec.rule, year, month)) {
      const holiday = statutoryHoliday(plannedDate);
      const date =
        holiday === null || spec.holidayPolicy === 'keep'
          ? plannedDate
          : nearestWorkday(plannedDate, spec.holidayPolicy === 'postpone' ? 1 : -1);
      if (date < from || date > to || byDate.has(date)) continue;
      const known = calendarKnown(parseIsoDate(date).year);
      byDate.set(date, { date, plannedDate, holiday, calendarKnown: known });
    }
    ({ year, month } = shiftMonth(year, month, 1));
  }
  return [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date));
}
