/**
 * Writes a branch's sessions ahead from its rule, idempotently: one session per branch and day (unique index), so a
 * re-run, two workers at once or a run after a crash add nothing twice. A session the secretary moved or cancelled
 * stays where it is — the document on its day is what stops the rule from writing it again.
 */

import { isDuplicateKeyError } from '../db/duplicate-key.js';
import { formatDay, parseIsoDate } from '../domain/activity.js';
import {
  addDays,
  calendarKnown,
  civilIsoDate,
  holidayReason,
  type PlannedSession,
  planSessions,
} from '../domain/study/index.js';
import type { IsoDate } from '../domain/text/index.js';
import { shiftMonth } from '../domain/text/relative-words.js';
import type { Models } from '../models/index.js';
import { ruleOf, type StudySchedule } from '../models/study.js';
import { announceCancellation, announceRetime, type Messaging } from './notify.js';
import { MEMBER_REMINDER_KINDS } from './reminder-kinds.js';
import type { SessionDoc } from './sessions.js';

/** Sessions are written this far ahead — and at least to the end of next month, so 「学习安排 下月」 is complete. */
export const HORIZON_DAYS = 60;

export function horizon(today: IsoDate): IsoDate {
  const { year, month } = parseIsoDate(today);
  const next = shiftMonth(year, month, 2);
  const endOfNextMonth = addDays(`${next.year}-${String(next.month).padStart(2, '0')}-01` as IsoDate, -1);
  const ahead = addDays(today, HORIZON_DAYS);
  // ISO dates sort as text: the later of the two.
  return [ahead, endOfNextMonth].sort()[1] as IsoDate;
}

export interface MaterialiseReport {
  created: number;
  updated: number;
  /** Sessions whose time or place changed after members were reminded: to be announced. */
  retimed: SessionDoc[];
  removed: number;
  /** Sessions the rule or the holiday calendar dropped that members had already been told about: cancelled. */
  cancelled: Array<{ session: SessionDoc; reason: string }>;
}

function fieldsOf(schedule: StudySchedule, p: PlannedSession) {
  return {
    communityId: schedule.communityId,
    branchId: schedule.branchId,
    date: p.date,
    time: schedule.time,
    durationMinutes: schedule.durationMinutes,
    place: schedule.place,
    originalDate: p.date === p.plannedDate ? null : p.plannedDate,
    reason: p.holiday && p.date !== p.plannedDate ? holidayReason(p.holiday, p.date, p.plannedDate) : '',
    calendarKnown: p.calendarKnown,
    origin: 'rule' as const,
    status: 'scheduled' as const,
  };
}

/** Whether members were already reminded of a session. */
async function toldAbout(models: Models, s: SessionDoc): Promise<boolean> {
  const reminded = await models.Reminder.exists({
    communityId: s.communityId,
    kind: { $in: MEMBER_REMINDER_KINDS },
    period: String(s._id),
  });
  return reminded !== null;
}

/** A rule session planned while its year's holidays were unknown, whose year the calendar now has. */
const plannedBlind = (s: SessionDoc): boolean =>
  !s.calendarKnown && calendarKnown(parseIsoDate(s.date as IsoDate).year);

/** Why a session the plan no longer gives is called off: the holiday it now falls on, or the new rule. */
function droppedReason(s: SessionDoc, plan: PlannedSession[], replan: boolean): string {
  const moved = plan.find((p) => p.plannedDate === s.date && p.date !== s.date);
  if (!replan && moved?.holiday) {
    return `${holidayReason(moved.holiday, moved.date, moved.plannedDate)}到${formatDay(moved.date)}`;
  }
  return replan ? '支部调整了学习日安排' : '节假日放假安排公布后，学习日按支部规定调整';
}

/**
 * Adds the sessions `schedule` plans from `today` to `until` that are missing. Re-planned besides: with `replan`
 * (after the rule changed) all the rule's own future sessions, and always those planned while their year's holiday
 * calendar was unknown, once it is known. Re-planned sessions follow the plan: time, place and the holiday shift
 * (original day, reason) are updated, and days the plan no longer gives are removed — or cancelled, when reminders
 * went out or someone already answered, so members can be told. Today's sessions are never re-planned: people may
 * be on their way.
 */
export async function materialiseBranch(
  models: Models,
  schedule: StudySchedule,
  today: IsoDate,
  options: { until?: IsoDate; replan?: boolean } = {},
): Promise<MaterialiseReport> {
  const until = options.until ?? horizon(today);
  const plan = planSessions({ rule: ruleOf(schedule), holidayPolicy: schedule.holidayPolicy }, today, until);
  const report: MaterialiseReport = { created: 0, updated: 0, retimed: [], removed: 0, cancelled: [] };
  const existing = await models.StudySession.find({
    branchId: schedule.branchId,
    date: { $gte: today, $lte: until },
  });
  const byDate = new Map(existing.map((s) => [s.date, s]));
  const replanned = (s: SessionDoc) =>
    s.origin === 'rule' && s.status === 'scheduled' && s.date > today && (options.replan || plannedBlind(s));

  for (const p of plan) {
    const found = byDate.get(p.date);
    if (!found) {
      try {
        await models.StudySession.create(fieldsOf(schedule, p));
        report.created++;
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
    } else if (replanned(found)) {
      const f = fieldsOf(schedule, p);
      const next = {
        time: f.time,
        durationMinutes: f.durationMinutes,
        place: f.place,
        originalDate: f.originalDate,
        reason: f.reason,
        calendarKnown: f.calendarKnown,
      };
      const changed = (Object.keys(next) as Array<keyof typeof next>).some((k) => found[k] !== next[k]);
      if (changed) {
        await models.StudySession.updateOne({ _id: found._id }, { $set: next });
        report.updated++;
        if (found.time !== next.time || found.place !== next.place) {
          if (await toldAbout(models, found)) report.retimed.push(found);
        }
      }
    }
  }

  const planned = new Set(plan.map((p) => p.date));
  const dropped = existing.filter((s) => replanned(s) && !planned.has(s.date as IsoDate));
  for (const s of dropped) {
    if ((await models.Attendance.exists({ sessionId: s._id })) || (await toldAbout(models, s))) {
      const reason = droppedReason(s, plan, options.replan === true);
      await models.StudySession.updateOne({ _id: s._id }, { $set: { status: 'cancelled', reason } });
      report.cancelled.push({ session: s, reason });
    } else {
      await models.StudySession.deleteOne({ _id: s._id, status: 'scheduled' });
      report.removed++;
    }
  }
  return report;
}

/** Tells members of what a re-plan changed in sessions they had been reminded of. */
export async function announceReport(
  m: Messaging,
  schedule: StudySchedule,
  report: MaterialiseReport,
  at: Date,
): Promise<void> {
  for (const { session, reason } of report.cancelled) await announceCancellation(m, session, reason, at);
  for (const session of report.retimed) await announceRetime(m, session, schedule, at);
}

/**
 * Every branch with a schedule, as of `at` in `timeZone`; members reminded of a session that a newly published
 * holiday calendar moved or called off are told.
 */
export async function materialiseAll(
  m: Messaging,
  at: Date,
  timeZone: string,
  until?: IsoDate,
): Promise<{ branches: number; created: number; cancelled: number; unknownYears: number[] }> {
  const today = civilIsoDate(at, timeZone);
  const end = until ?? horizon(today);
  let created = 0;
  let cancelled = 0;
  const schedules = await m.models.StudySchedule.find({}).lean();
  for (const schedule of schedules) {
    const report = await materialiseBranch(m.models, schedule, today, { until: end });
    await announceReport(m, schedule, report, at);
    created += report.created;
    cancelled += report.cancelled.length;
  }
  const years = [...new Set([parseIsoDate(today).year, parseIsoDate(end).year])];
  return {
    branches: schedules.length,
    created,
    cancelled,
    unknownYears: years.filter((y) => !calendarKnown(y)),
  };
}
