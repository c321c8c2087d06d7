import { describe, expect, it } from 'vitest';
import {
  calendarKnown,
  describeRule,
  type HolidayPolicy,
  makeUpWorkday,
  monthsSpan,
  nextHolidayPeriod,
  planSessions,
  ruleDatesInMonth,
  type StudyRule,
  statutoryHoliday,
} from '../../src/domain/study/index.js';
import type { IsoDate } from '../../src/domain/text/index.js';

const days = (...d: number[]): StudyRule => ({ kind: 'monthDays', days: d });
const dates = (rule: StudyRule, holidayPolicy: HolidayPolicy, from: string, to: string) =>
  planSessions({ rule, holidayPolicy }, from as IsoDate, to as IsoDate).map((s) => s.date);

describe('the 2026 calendar from chinese-days (国务院办公厅 notice of 2025-11-04)', () => {
  it.each([
    ['2026-01-01', '元旦'],
    ['2026-02-15', '春节'],
    ['2026-02-23', '春节'],
    ['2026-04-05', '清明'],
    ['2026-05-05', '劳动节'],
    ['2026-06-19', '端午'],
    ['2026-09-25', '中秋'],
    ['2026-10-01', '国庆节'],
    ['2026-10-07', '国庆节'],
  ])('%s is a day off for %s', (date, name) => {
    expect(statutoryHoliday(date as IsoDate)).toContain(name);
  });

  it.each(['2026-10-08', '2026-10-25', '2026-02-24', '2026-01-04'])(
    '%s is no statutory holiday (ordinary weekends are not)',
    (date) => {
      expect(statutoryHoliday(date as IsoDate)).toBeNull();
    },
  );

  it.each([
    ['2026-01-04', '元旦'],
    ['2026-02-14', '春节'],
    ['2026-02-28', '春节'],
    ['2026-05-09', '劳动节'],
    ['2026-09-20', '国庆节'],
    ['2026-10-10', '国庆节'],
  ])('%s is a make-up workday for %s', (date, name) => {
    expect(makeUpWorkday(date as IsoDate)).toContain(name);
  });

  it('knows 2026 and says when a year is not published yet', () => {
    expect(calendarKnown(2026)).toBe(true);
    expect(calendarKnown(2031)).toBe(false);
  });

  it('finds the holiday a member asks about', () => {
    expect(nextHolidayPeriod('国庆节', '2026-03-01')).toEqual({
      name: '国庆节',
      first: '2026-10-01',
      last: '2026-10-07',
    });
    expect(nextHolidayPeriod('春节', '2026-02-20')).toEqual({
      name: '春节',
      first: '2026-02-15',
      last: '2026-02-23',
    });
  });
});

describe('rule days in a month', () => {
  it('puts a day past the month end on its last day, once', () => {
    expect(ruleDatesInMonth(days(31), 2026, 2)).toEqual(['2026-02-28']);
    expect(ruleDatesInMonth(days(29, 30, 31), 2026, 2)).toEqual(['2026-02-28']);
    expect(ruleDatesInMonth(days(29), 2028, 2)).toEqual(['2028-02-29']);
    expect(ruleDatesInMonth(days(15, 31), 2026, 4)).toEqual(['2026-04-15', '2026-04-30']);
  });

  it('finds the nth and the last weekday', () => {
    const secondFourthWed: StudyRule = { kind: 'nthWeekday', weekday: 3, nths: [2, 4] };
    expect(ruleDatesInMonth(secondFourthWed, 2026, 10)).toEqual(['2026-10-14', '2026-10-28']);
    expect(ruleDatesInMonth(secondFourthWed, 2026, 7)).toEqual(['2026-07-08', '2026-07-22']);
    const lastFriday: StudyRule = { kind: 'nthWeekday', weekday: 5, nths: [-1] };
    expect(ruleDatesInMonth(lastFriday, 2026, 10)).toEqual(['2026-10-30']);
    expect(ruleDatesInMonth(lastFriday, 2026, 2)).toEqual(['2026-02-27']);
    const firstSunday: StudyRule = { kind: 'nthWeekday', weekday: 7, nths: [1] };
    expect(ruleDatesInMonth(firstSunday, 2026, 2)).toEqual(['2026-02-01']);
  });

  it('reads back in Chinese', () => {
    expect(describeRule(days(10, 25))).toBe('每月10日、25日');
    expect(describeRule({ kind: 'nthWeekday', weekday: 3, nths: [2, 4] })).toBe('每月第二、第四个周三');
    expect(describeRule({ kind: 'nthWeekday', weekday: 5, nths: [-1] })).toBe('每月最后一个周五');
  });
});

describe('holiday policies on 2026 days', () => {
  /** The session planned for `planned` (a rule day) under `policy`: the day it is held. */
  const heldFor = (planned: string, policy: HolidayPolicy) => {
    const day = Number(planned.slice(8));
    const around = (n: number) => new Date(Date.parse(planned) + n * 86_400_000).toISOString().slice(0, 10);
    return planSessions(
      { rule: days(day), holidayPolicy: policy },
      around(-20) as IsoDate,
      around(20) as IsoDate,
    )
      .filter((s) => s.plannedDate === planned)
      .map((s) => s.date);
  };

  it.each([
    // 元旦 1–3 Jan; Sunday 4 Jan is a make-up workday, so "the next working day" is that Sunday.
    { planned: '2026-01-01', postpone: '2026-01-04', advance: '2025-12-31' },
    // 春节 15–23 Feb; Saturday 14 Feb is a make-up workday.
    { planned: '2026-02-15', postpone: '2026-02-24', advance: '2026-02-14' },
    { planned: '2026-02-20', postpone: '2026-02-24', advance: '2026-02-14' },
    { planned: '2026-04-05', postpone: '2026-04-07', advance: '2026-04-03' },
    { planned: '2026-05-01', postpone: '2026-05-06', advance: '2026-04-30' },
    { planned: '2026-06-20', postpone: '2026-06-22', advance: '2026-06-18' },
    { planned: '2026-09-25', postpone: '2026-09-28', advance: '2026-09-24' },
    // 国庆 1–7 Oct.
    { planned: '2026-10-01', postpone: '2026-10-08', advance: '2026-09-30' },
    { planned: '2026-10-05', postpone: '2026-10-08', advance: '2026-09-30' },
  ])('$planned: postpone → $postpone, advance → $advance, keep → the day', (c) => {
    expect(heldFor(c.planned, 'postpone')).toEqual([c.postpone]);
    expect(heldFor(c.planned, 'advance')).toEqual([c.advance]);
    expect(heldFor(c.planned, 'keep')).toEqual([c.planned]);
  });

  it('keeps ordinary weekends and make-up workdays: 10 and 25 October are kept', () => {
    expect(dates(days(10, 25), 'postpone', '2026-10-01', '2026-10-31')).toEqual(['2026-10-10', '2026-10-25']);
  });

  it('explains a shifted session with the day planned and the holiday', () => {
    const [national] = planSessions({ rule: days(1), holidayPolicy: 'postpone' }, '2026-10-01', '2026-10-31');
    expect(national).toEqual({
      date: '2026-10-08',
      plannedDate: '2026-10-01',
      holiday: '国庆节',
      calendarKnown: true,
    });
  });

  it('makes one session of two rule days that land on the same day', () => {
    expect(dates(days(1, 8), 'postpone', '2026-10-01', '2026-10-31')).toEqual(['2026-10-08']);
  });

  it('brings a day advanced or postponed across the range edge into the range', () => {
    expect(dates(days(1), 'advance', '2026-09-25', '2026-09-30')).toEqual(['2026-09-30']);
    expect(dates(days(1), 'postpone', '2026-10-02', '2026-10-08')).toEqual(['2026-10-08']);
    expect(dates(days(1), 'postpone', '2026-10-01', '2026-10-07')).toEqual([]);
  });

  it('moves nth-weekday days too: the first Wednesday of October 2026 is 7 October, a holiday', () => {
    const firstWed: StudyRule = { kind: 'nthWeekday', weekday: 3, nths: [1, 3] };
    expect(dates(firstWed, 'postpone', '2026-10-01', '2026-10-31')).toEqual(['2026-10-08', '2026-10-21']);
    expect(dates(firstWed, 'advance', '2026-09-28', '2026-10-31')).toEqual(['2026-09-30', '2026-10-21']);
  });

  it('plans twice a month for 60 days, in order', () => {
    expect(dates(days(10, 25), 'postpone', '2026-11-23', '2027-01-22')).toEqual([
      '2026-11-25',
      '2026-12-10',
      '2026-12-25',
      '2027-01-10',
    ]);
  });

  it('marks days in a year whose calendar is not published', () => {
    const known = (from: string, to: string) =>
      planSessions({ rule: days(1), holidayPolicy: 'postpone' }, from as IsoDate, to as IsoDate).map((s) => [
        s.date,
        s.calendarKnown,
      ]);
    expect(known('2026-12-01', '2026-12-31')).toEqual([['2026-12-01', true]]);
    expect(known('2031-01-01', '2031-01-31')).toEqual([['2031-01-01', false]]);
  });
});

describe('monthsSpan', () => {
  it('runs from the first day of the first month to the last day of the last', () => {
    expect(monthsSpan(['2026-07', '2026-08', '2026-09'])).toEqual({ from: '2026-07-01', to: '2026-09-30' });
    expect(monthsSpan(['2028-02'])).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(monthsSpan(['2026-11', '2026-12', '2027-01'])).toEqual({ from: '2026-11-01', to: '2027-01-31' });
  });
});
