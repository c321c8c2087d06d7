/** Reading sessions and schedules for the commands and jobs. */

import type { HydratedDocument, Types } from 'mongoose';
import {
  addDays,
  civilIsoDate,
  DEFAULT_SIGN_IN_OPENS_MINUTES,
  type SessionView,
  sessionEnd,
  sessionStart,
  signInWindow,
} from '../domain/study/index.js';
import type { IsoDate } from '../domain/text/index.js';
import type { Models } from '../models/index.js';
import type { StudySchedule, StudySession } from '../models/study.js';

export type SessionDoc = HydratedDocument<StudySession>;
export type ScheduleDoc = HydratedDocument<StudySchedule>;

/** A stored session as the domain formats it. */
export const viewOf = (s: StudySession): SessionView => ({
  date: s.date as IsoDate,
  time: s.time,
  durationMinutes: s.durationMinutes,
  place: s.place,
  topic: s.topic,
  link: s.link,
  status: s.status,
  originalDate: s.originalDate as IsoDate | null,
  reason: s.reason,
  movedTo: s.movedTo as IsoDate | null,
  calendarKnown: s.calendarKnown,
});

/** Which sessions: one branch's, or an officer's scope (a community, perhaps narrowed to a branch). */
export interface SessionFilter {
  communityId?: Types.ObjectId;
  branchId?: Types.ObjectId | null;
  /** Named sessions only (e.g. those that concern some members). */
  _id?: { $in: Types.ObjectId[] };
}

export const timingOf = (s: StudySession) => ({
  date: s.date as IsoDate,
  time: s.time,
  durationMinutes: s.durationMinutes,
});

export const startOf = (s: StudySession, timeZone: string) => sessionStart(timingOf(s), timeZone);
export const endOf = (s: StudySession, timeZone: string) => sessionEnd(timingOf(s), timeZone);

export const scheduleOf = (models: Models, branchId: Types.ObjectId) =>
  models.StudySchedule.findOne({ branchId });

/** Sessions of one branch (or a scope) that are held (status scheduled) and not over at `now`, soonest first. */
export async function upcomingSessions(
  models: Models,
  filter: SessionFilter,
  now: Date,
  timeZone: string,
  limit = 2,
): Promise<SessionDoc[]> {
  const today = civilIsoDate(now, timeZone);
  const found = await models.StudySession.find({ ...filter, status: 'scheduled', date: { $gte: today } })
    .sort({ date: 1 })
    .limit(limit + 5);
  return found.filter((s) => endOf(s, timeZone) > now).slice(0, limit);
}

/** Every session of a branch (or scope) between two days, in order, whatever its status. */
export const sessionsBetween = (models: Models, filter: SessionFilter, from: IsoDate, to: IsoDate) =>
  models.StudySession.find({ ...filter, date: { $gte: from, $lte: to } }).sort({ date: 1, branchId: 1 });

/**
 * The session of a branch an after-the-fact record belongs to: the one on `date` if given, else the latest one
 * held that has started by `now` (within the last 60 days).
 */
export async function recentSession(
  models: Models,
  branchId: Types.ObjectId,
  date: IsoDate | null,
  now: Date,
  timeZone: string,
): Promise<SessionDoc | null> {
  if (date) return models.StudySession.findOne({ branchId, date, status: 'scheduled' });
  const today = civilIsoDate(now, timeZone);
  const recent = await models.StudySession.find({
    branchId,
    status: 'scheduled',
    date: { $gte: addDays(today, -60), $lte: today },
  }).sort({ date: -1 });
  const opensMinutes =
    (await scheduleOf(models, branchId))?.signInOpensMinutes ?? DEFAULT_SIGN_IN_OPENS_MINUTES;
  return recent.find((s) => hasOpened(s, now, timeZone, opensMinutes)) ?? null;
}

/** Signing in has opened (30 minutes before the start by default): people are arriving, 补签 may begin. */
export function hasOpened(s: StudySession, now: Date, timeZone: string, opensMinutes: number): boolean {
  return signInWindow(timingOf(s), timeZone, opensMinutes).opens <= now;
}
