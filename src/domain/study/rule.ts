/** A branch's standing rule for its study days: fixed days of the month, or the nth weekdays of the month. */

import { type IsoDate, isoDate } from '../text/calendar.js';
import { monthLength, weekdayOf } from './days.js';

export type StudyRule =
  /** 10日、25日. A day past the month's end (31日 in February) falls on the month's last day. */
  | { kind: 'monthDays'; days: number[] }
  /** 第二、第四个周三: weekday 1 = Monday … 7 = Sunday; nth 1–4, or -1 for the last one. */
  | { kind: 'nthWeekday'; weekday: number; nths: number[] };

export const HOLIDAY_POLICIES = ['postpone', 'advance', 'keep'] as const;
/** What happens to a study day that falls on a statutory holiday. */
export type HolidayPolicy = (typeof HOLIDAY_POLICIES)[number];

export const HOLIDAY_POLICY_LABELS: Record<HolidayPolicy, string> = {
  postpone: '顺延到节后第一个工作日',
  advance: '提前到节前最后一个工作日',
  keep: '照常举行',
};

/** The dates `rule` gives in one month, in order, without repeats (29日、30日 are one day in February). */
export function ruleDatesInMonth(rule: StudyRule, year: number, month: number): IsoDate[] {
  const last = monthLength(year, month);
  const days =
    rule.kind === 'monthDays'
      ? rule.days.map((d) => Math.min(d, last))
      : rule.nths.map((nth) => nthWeekday(year, month, rule.weekday, nth, last));
  return [...new Set(days)].sort((a, b) => a - b).map((day) => isoDate({ year, month, day }));
}

function nthWeekday(year: number, month: number, weekday: number, nth: number, last: number): number {
  const first = weekdayOf(isoDate({ year, month, day: 1 }));
  const firstMatch = 1 + ((weekday - first + 7) % 7);
  if (nth > 0) return firstMatch + 7 * (nth - 1);
  return firstMatch + 7 * Math.floor((last - firstMatch) / 7);
}

const CN_WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日'];
const CN_ORDINALS = ['一', '二', '三', '四'];

/** 每月10日、25日 · 每月第二、第四个周三 · 每月最后一个周五. */
export function describeRule(rule: StudyRule): string {
  if (rule.kind === 'monthDays') return `每月${rule.days.map((d) => `${d}日`).join('、')}`;
  const nths = rule.nths.map((n) => (n === -1 ? '最后一' : `第${CN_ORDINALS[n - 1]}`)).join('、');
  return `每月${nths}个周${CN_WEEKDAYS[rule.weekday - 1]}`;
}

/** Checks a rule built from text or a file; returns the problem in Chinese, or null. */
export function ruleProblem(rule: StudyRule): string | null {
  if (rule.kind === 'monthDays') {
    if (rule.days.length === 0) return '请写明每月几日，例如「每月10日、25日」。';
    if (rule.days.some((d) => !Number.isInteger(d) || d < 1 || d > 31)) return '日期要在1日到31日之间。';
    if (rule.days.length > 4) return '每月最多安排4次学习日。';
    return null;
  }
  if (!Number.isInteger(rule.weekday) || rule.weekday < 1 || rule.weekday > 7) return '请写明星期几。';
  if (rule.nths.length === 0) return '请写明第几个星期几，例如「每月第二、第四个周三」。';
  if (rule.nths.some((n) => n !== -1 && !(Number.isInteger(n) && n >= 1 && n <= 4)))
    return '只能是第一到第四个，或最后一个。';
  return null;
}
