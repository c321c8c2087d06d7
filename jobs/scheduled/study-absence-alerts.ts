import { Types } from 'mongoose';
import { formatDay } from '../../src/domain/activity.js';
import { absenceStreak, addDays, civilIsoDate } from '../../src/domain/study/index.js';
import type { IsoDate } from '../../src/domain/text/index.js';
import { type MemberAttendance, studyFigures } from '../../src/study/figures.js';
import { STUDY_REMINDER } from '../../src/study/reminder-kinds.js';
import { freshLines, noticeEachBranch, total } from './branch-notices.js';
import type { ScheduledJob } from './types.js';

/** An alert is due at this many consecutive absences without leave (a local rule; see domain notes §2.2). */
export const ABSENCE_ALERT_AT = 3;
/**
 * Runs are alerted while 3 to 6 long: one alert per run, keyed by its first session, which must stay inside the
 * window read. Longer runs were alerted already, and the monthly six-month digest speaks for them.
 */
const ALERT_UNTIL = 6;
/** Six sessions back even for a branch that meets once a month. */
const LOOKBACK_DAYS = 240;

interface Run {
  memberId: string;
  name: string;
  length: number;
  /** The first absence of the run: the alert's period, so one run is reported once. */
  since: MemberAttendance;
}

/** Members whose latest sessions are 3 to 6 absences without leave in a row. */
export function absenceRuns(records: readonly MemberAttendance[]): Run[] {
  const byMember = new Map<string, MemberAttendance[]>();
  for (const r of records) byMember.set(r.memberId, [...(byMember.get(r.memberId) ?? []), r]);
  const runs: Run[] = [];
  for (const [memberId, list] of byMember) {
    const newestFirst = [...list].sort((a, b) => b.date.localeCompare(a.date));
    const length = absenceStreak(newestFirst.map((r) => r.outcome));
    const since = newestFirst[length - 1];
    if (length >= ABSENCE_ALERT_AT && length <= ALERT_UNTIL && since)
      runs.push({ memberId, name: since.memberName, length, since });
  }
  return runs;
}

/** Every morning: members absent without leave 3 times running, to their branch's secretaries, once per run. */
export const studyAbsenceAlerts: ScheduledJob = {
  name: 'study-absence-alerts',
  summary: '每天上午提醒支部书记：连续3次无故缺席学习的党员（每次连续缺席只提醒一次）',
  pattern: '30 9 * * *',
  async run({ deps, at }) {
    const timeZone = deps.config.timeZone;
    const today = civilIsoDate(at, timeZone);
    const flagged = await noticeEachBranch(deps, at, async ({ branch, scope }) => {
      const figures = await studyFigures(
        deps.models,
        { branchId: scope.branchId },
        { from: addDays(today, -LOOKBACK_DAYS), to: today },
        at,
        timeZone,
      );
      const bySince = new Map<string, Run[]>();
      for (const run of absenceRuns(figures.records)) {
        bySince.set(run.since.sessionId, [...(bySince.get(run.since.sessionId) ?? []), run]);
      }
      return [...bySince].map(([sessionId, runs]) => {
        const text = (fresh: Set<string>) => {
          const names = freshLines(
            fresh,
            runs,
            (r) => r.memberId,
            (r) => `${r.name}（${formatDay(r.since.date as IsoDate)}起连续${r.length}次）`,
          );
          return `${branch.name}：${names} 连续${ABSENCE_ALERT_AT}次以上没有参加学习，也没有请假。请及时了解情况，谈心谈话；确有困难的，可以安排送学上门或远程学习。`;
        };
        const subjects = runs.map((r) => new Types.ObjectId(r.memberId));
        return { kind: STUDY_REMINDER.absences, period: sessionId, subjects, text };
      });
    });
    return `连续缺席提醒：新提醒 ${total(flagged)} 人`;
  },
};
