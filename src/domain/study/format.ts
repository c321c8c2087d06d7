/** How a study session reads in a message: short lines elderly members can take in at a glance. */

import { formatDay, parseIsoDate } from '../activity.js';
import type { IsoDate } from '../text/calendar.js';
import { makeUpWorkday } from './holidays.js';
import type { SessionView } from './session.js';

/** 10月1日 (same year) or 2027年1月1日. */
const shortDate = (date: IsoDate, relativeTo: IsoDate) => {
  const { year, month, day } = parseIsoDate(date);
  return year === parseIsoDate(relativeTo).year ? `${month}月${day}日` : `${year}年${month}月${day}日`;
};

/** 10月8日（周四）19:00 */
export const sessionWhen = (s: Pick<SessionView, 'date' | 'time'>): string => `${formatDay(s.date)}${s.time}`;

/** 10月8日（周四）19:00，社区党群服务中心 */
export const sessionWhenWhere = (s: Pick<SessionView, 'date' | 'time' | 'place'>): string =>
  `${sessionWhen(s)}，${s.place}`;

/** Why the day is not the usual one: （原定10月1日，国庆节放假顺延）. Empty when nothing moved it. */
export function shiftNote(s: SessionView): string {
  if (s.status === 'cancelled') return `（已取消：${s.reason}）`;
  if (s.status === 'moved' && s.movedTo) return `（已改到${shortDate(s.movedTo, s.date)}：${s.reason}）`;
  if (s.originalDate && s.originalDate !== s.date)
    return `（原定${shortDate(s.originalDate, s.date)}，${s.reason}）`;
  return '';
}

/**
 * Several lines for one session: when and where, topic, link, and what moved it. Whether its year's holidays are
 * published is said once under a whole list (calendarNotes), not under each session.
 */
export function describeSession(s: SessionView, defaultTopic: string): string {
  // A make-up Saturday is a working day for employed members: worth saying.
  const makeUp = s.status === 'scheduled' ? makeUpWorkday(s.date) : null;
  const lines = [`${sessionWhenWhere(s)}${shiftNote(s)}${makeUp ? `（${makeUp}调休上班日）` : ''}`];
  const topic = s.topic || defaultTopic;
  if (s.status === 'scheduled' && topic) lines.push(`主题：${topic}`);
  if (s.status === 'scheduled' && s.link) lines.push(`学习材料：${s.link}`);
  return lines.join('\n');
}

/** One line per year whose holidays are not yet published, for the sessions listed together. */
export function calendarNotes(sessions: readonly SessionView[]): string[] {
  const years = new Set(
    sessions
      .filter((s) => s.status === 'scheduled' && !s.calendarKnown)
      .map((s) => parseIsoDate(s.date).year),
  );
  return [...years].sort().map((y) => `（${y}年放假安排还没公布，如遇节假日以支部通知为准）`);
}

/** A list of sessions, one after another, with the calendar note said once at the end. */
export const describeSessions = (
  sessions: readonly SessionView[],
  topicOf: (s: SessionView) => string,
): string[] => [...sessions.map((s) => describeSession(s, topicOf(s))), ...calendarNotes(sessions)];

/** The words for a holiday shift, stored as the session's reason: 国庆节放假顺延 / 春节放假提前. */
export const holidayReason = (holiday: string, date: IsoDate, plannedDate: IsoDate): string =>
  `${holiday}放假${date > plannedDate ? '顺延' : '提前'}`;
