/**
 * Writes a branch's sessions ahead from its rule, idempotently: one session per branch and day (unique index), so a
 * re-run, two workers at once or a run after a crash add nothing twice. A session the secretary moved or cancelled
 * stays where it is — the document on its day is what stops the rule from writing it again.
 */

import { parseIsoDate } from '../domain/activity.js';
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
  /** Sessions the new rule dropped that members had already been told about: cancelled, to be announced. */
  cancelled: SessionDoc[];
}

const isDuplicate = (error: unknown) =>
  typeof error === 'object' && error !== null && (error as { code?: number }).code === 11000;

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

/**
 * Adds the sessions `schedule` plans from `today` to `until` that are missing. With `replan` (after the rule
 * changed), the rule's own future sessions also follow it: time and place are updated, and days the rule no longer
 * gives are removed — or cancelled, when reminders went out or someone already answered, so members can be told.
 * Today's sessions are never re-planned: people may be on their way.
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

  for (const p of plan) {
    const found = byDate.get(p.date);
    if (!found) {
      try {
        await models.StudySession.create(fieldsOf(schedule, p));
        report.created++;
      } catch (error) {
        if (!isDuplicate(error)) throw error;
      }
    } else if (options.replan && found.origin === 'rule' && found.status === 'scheduled' && p.date > today) {
      const { time, durationMinutes, place } = schedule;
      if (found.time !== time || found.durationMinutes !== durationMinutes || found.place !== place) {
        await models.StudySession.updateOne({ _id: found._id }, { $set: { time, durationMinutes, place } });
        report.updated++;
        if (found.time !== time || found.place !== place) {
          if (await toldAbout(models, found)) report.retimed.push(found);
        }
      }
    }
  }
  if (!options.replan) return report;

  const planned = new Set(plan.map((p) => p.date));
  const dropped = existing.filter(
    (s) =>
      s.origin === 'rule' && s.status === 'scheduled' && s.date > today && !planned.has(s.date as IsoDate),
  );
  for (const s of dropped) {
    if ((await models.Attendance.exists({ sessionId: s._id })) || (await toldAbout(models, s))) {
      await models.StudySession.updateOne(
        { _id: s._id },
        { $set: { status: 'cancelled', reason: '支部调整了学习日安排' } },
      );
      report.cancelled.push(s);
    } else {
      await models.StudySession.deleteOne({ _id: s._id, status: 'scheduled' });
      report.removed++;
    }
  }
  return report;
}

/** Every branch with a schedule, as of `at` in `timeZone`. */
export async function materialiseAll(
  models: Models,
  at: Date,
  timeZone: string,
  until?: IsoDate,
): Promise<{ branches: number; created: number; unknownYears: number[] }> {
  const today = civilIsoDate(at, timeZone);
  const end = until ?? horizon(today);
  let created = 0;
  const schedules = await models.StudySchedule.find({}).lean();
  for (const schedule of schedules) {
    created += (await materialiseBranch(models, schedule, today, { until: end })).created;
  }
  const years = [...new Set([parseIsoDate(today).year, parseIsoDate(end).year])];
  return { branches: schedules.length, created, unknownYears: years.filter((y) => !calendarKnown(y)) };
}
