import { formatDay } from '../../src/domain/activity.js';
import {
  ATTENDANCE_LABELS,
  addDays,
  civilIsoDate,
  type Outcome,
  percent,
  studiedElsewhere,
  wasPresent,
} from '../../src/domain/study/index.js';
import type { IsoDate } from '../../src/domain/text/index.js';
import {
  fixExpected,
  type MemberAttendance,
  type StudyFigures,
  studyFigures,
} from '../../src/study/figures.js';
import { STUDY_REMINDER } from '../../src/study/reminder-kinds.js';
import { endOf } from '../../src/study/sessions.js';
import { branchesWithOfficers, noticeOnce } from './branch-notices.js';
import type { ScheduledJob } from './types.js';

/** The summary a secretary gets for one session: 应到/实到/请假/远程/缺席 with names, and the rates. */
export function summaryText(
  branchName: string,
  figures: StudyFigures,
  reasons: ReadonlyMap<string, string>,
): string {
  const [s] = figures.sessions;
  if (!s) return '';
  // 补签 and 送学上门 are named as such; a leave carries its reason.
  const note = (r: MemberAttendance) =>
    r.outcome === 'leave'
      ? reasons.get(r.memberId)
      : r.outcome === 'makeup' || r.outcome === 'home_delivered'
        ? ATTENDANCE_LABELS[r.outcome]
        : '';
  const names = (pick: (o: Outcome) => boolean) =>
    figures.records
      .filter((r) => pick(r.outcome))
      .sort((a, b) => a.memberName.localeCompare(b.memberName, 'zh-CN'))
      .map((r) => (note(r) ? `${r.memberName}（${note(r)}）` : r.memberName))
      .join('、');
  const lines = [
    `${branchName} ${formatDay(s.date)}学习情况：`,
    `应到${s.expected}人，实到${s.signed}人，请假${s.leave}人，远程${s.remote}人，缺席${s.absent}人。`,
    `到会率${percent(s.signed, s.expected)}，参学率（含远程）${percent(s.signed + s.remote, s.expected)}。`,
  ];
  if (s.signed) lines.push(`实到：${names(wasPresent)}`);
  if (s.leave) lines.push(`请假：${names((o) => o === 'leave')}`);
  if (s.remote) lines.push(`远程：${names(studiedElsewhere)}`);
  if (s.absent) lines.push(`缺席：${names((o) => o === 'absent')}`);
  return lines.join('\n');
}

/** How far back a session left without a summary (after an outage) still gets one. */
const LOOK_BACK_DAYS = 14;

/**
 * Every half hour: for each session that ended since yesterday (or, after an outage, in the last two weeks and
 * never summed up), its summary to the branch's secretaries, once.
 * The list of who was expected is fixed here, so later roster changes do not rewrite the figures.
 */
export const studySummary: ScheduledJob = {
  name: 'study-summary',
  summary: '每次学习结束后，向支部书记发送应到、实到、请假、远程、缺席名单和到会率',
  pattern: '10,40 * * * *',
  async run({ deps, at }) {
    const { models } = deps;
    const timeZone = deps.config.timeZone;
    const today = civilIsoDate(at, timeZone);
    const yesterday = addDays(today, -1);
    // Sessions since yesterday, and older ones (within LOOK_BACK_DAYS) never summed up: the job was down.
    const ended = (
      await models.StudySession.find({
        status: 'scheduled',
        date: { $gte: addDays(today, -LOOK_BACK_DAYS), $lte: today },
      })
    ).filter((s) => endOf(s, timeZone) <= at && (s.date >= yesterday || !s.expectedMemberIds));
    if (ended.length === 0) return '学习情况汇总：没有刚结束的学习';
    const branches = new Map((await branchesWithOfficers(deps)).map((b) => [String(b.branch._id), b]));
    let sent = 0;
    for (const session of ended) {
      const branch = branches.get(String(session.branchId));
      if (!branch) continue;
      await fixExpected(models, session);
      const date = session.date as IsoDate;
      const figures = await studyFigures(
        models,
        { branchId: session.branchId },
        { from: date, to: date },
        at,
        timeZone,
      );
      const leaves = await models.Attendance.find({ sessionId: session._id, kind: 'leave' }).lean();
      const reasons = new Map(leaves.map((l) => [String(l.memberId), l.reason]));
      const notice = {
        ...branch.scope,
        officers: branch.officers,
        kind: STUDY_REMINDER.summary,
        period: String(session._id),
        subjects: branch.officerIds,
        at,
      };
      sent +=
        (await noticeOnce(deps, notice, () => summaryText(branch.branch.name, figures, reasons))) > 0 ? 1 : 0;
    }
    return `学习情况汇总：发出 ${sent} 份`;
  },
};
