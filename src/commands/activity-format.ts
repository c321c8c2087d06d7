import { ACTIVITY_TYPE_LABELS, type ActivityType, formatDay, formatMinutes } from '../domain/activity.js';
import type { IsoDate, YearMonth } from '../domain/text/index.js';

export interface ActivityLine {
  type: ActivityType;
  date: string;
  minutes?: number | null;
  description: string;
}

export function formatActivity(a: ActivityLine): string {
  return `${formatDay(a.date as IsoDate)} ${ACTIVITY_TYPE_LABELS[a.type]} ${formatMinutes(a.minutes ?? null)} ${a.description}`;
}

/** 2026-11 → 2026年11月; a run of months → 2026年1月–3月. */
export function formatPeriod(months: readonly YearMonth[]): string {
  const first = months[0];
  const last = months[months.length - 1];
  if (!first || !last) return '';
  const [y1, m1] = first.split('-').map(Number);
  const [y2, m2] = last.split('-').map(Number);
  if (first === last) return `${y1}年${m1}月`;
  return y1 === y2 ? `${y1}年${m1}月–${m2}月` : `${y1}年${m1}月–${y2}年${m2}月`;
}

export const hours = (minutes: number) => `${Math.round((minutes / 60) * 10) / 10}小时`;
