import type { Deps } from '../../src/deps.js';
import { addDays, civilIsoDate, clockOf, signInWindow, wallClock } from '../../src/domain/study/index.js';
import type { IsoDate } from '../../src/domain/text/index.js';
import type { StudySchedule } from '../../src/models/study.js';
import type { OutboundContent } from '../../src/queues/definitions.js';
import { fanoutDelayMs } from '../../src/queues/send-timing.js';
import { materialiseAll } from '../../src/study/materialise.js';
import { reminderContent } from '../../src/study/reminder-card.js';
import { STUDY_REMINDER } from '../../src/study/reminder-kinds.js';
import { expectedMembers } from '../../src/study/roster.js';
import { type SessionDoc, startOf, timingOf, viewOf } from '../../src/study/sessions.js';
import { remindOnce, resendStranded } from './remind-once.js';
import type { ScheduledJob } from './types.js';

const HOUR_MS = 3_600_000;
/** The evening reminder still goes out this long after its time (a run that was down at 18:00), not later. */
const EVE_GRACE_MS = 3 * HOUR_MS;

type When = 'eve' | 'lead';

/** Which reminders of `session` are due at `at`: the evening before from eveReminderAt, and on the day from lead. */
export function dueReminders(
  session: SessionDoc,
  schedule: StudySchedule,
  at: Date,
  timeZone: string,
): When[] {
  const start = startOf(session, timeZone).getTime();
  const now = at.getTime();
  if (now >= start) return [];
  const eve = wallClock(addDays(session.date as IsoDate, -1), schedule.eveReminderAt, timeZone).getTime();
  const lead = start - schedule.leadReminderMinutes * 60_000;
  const due: When[] = [];
  if (now >= eve && now < eve + EVE_GRACE_MS && now < lead) due.push('eve');
  if (now >= lead) due.push('lead');
  return due;
}

async function remind(deps: Deps, session: SessionDoc, schedule: StudySchedule, when: When, at: Date) {
  const timeZone = deps.config.timeZone;
  const members = await expectedMembers(deps.models, session.branchId);
  const sessionId = String(session._id);
  const kind = STUDY_REMINDER[when];
  // One send per group: mobile members get how to take part remotely; members who read through WeChat get text.
  const GROUPS = [false, true].flatMap((mobile) => [false, true].map((plain) => ({ mobile, plain })));
  const base = (g: { mobile: boolean; plain: boolean }) =>
    `study-${when}-${sessionId}-${g.mobile ? 'mobile' : 'local'}${g.plain ? 'text' : ''}`;
  const opens = clockOf(
    signInWindow(timingOf(session), timeZone, schedule.signInOpensMinutes).opens,
    timeZone,
  );
  const content = (jobId: string): OutboundContent => {
    const group = GROUPS.find((g) => jobId.startsWith(`${base(g)}-`)) ?? { mobile: false, plain: false };
    const card = reminderContent({
      sessionId,
      session: viewOf(session),
      topic: session.topic || schedule.topic,
      when,
      mobile: group.mobile,
      signInOpens: opens,
      taskId: jobId,
    });
    return group.plain ? { type: 'text', content: card.fallbackText } : card;
  };
  const common = { kind, period: sessionId, content, delay: fanoutDelayMs(at) };
  let reminded = 0;
  for (const group of GROUPS) {
    const recipients = members
      .filter((m) => (m.status === 'mobile') === group.mobile && m.plainTextOnly === group.plain)
      .map((m) => ({
        memberId: m._id,
        communityId: session.communityId,
        userId: m.wecomUserId,
      }));
    if (recipients.length > 0)
      reminded += await remindOnce(deps, { ...common, jobIdBase: base(group), recipients });
  }
  return reminded + (await resendStranded(deps, common));
}

/**
 * Every 15 minutes: the reminders that are due — the evening before a session (18:00 by default) and on the day
 * (2 hours before by default) — to each expected member, exactly once per member, session and kind however often
 * it runs. Sessions for today and tomorrow are made sure of first, so a night the materialiser missed loses
 * nothing.
 */
export const studyReminders: ScheduledJob = {
  name: 'study-reminders',
  summary: '每15分钟检查：学习日前一天18:00、当天开始前2小时提醒支部党员（每人每次一条）',
  pattern: '*/15 * * * *',
  async run({ deps, at, log }) {
    const { models } = deps;
    const timeZone = deps.config.timeZone;
    const today = civilIsoDate(at, timeZone);
    await materialiseAll({ models, outbound: deps.queues.outbound }, at, timeZone, addDays(today, 1));
    const sessions = await models.StudySession.find({
      status: 'scheduled',
      date: { $in: [today, addDays(today, 1)] },
    });
    const schedules = await models.StudySchedule.find({
      branchId: { $in: sessions.map((s) => s.branchId) },
    }).lean();
    const scheduleOf = new Map(schedules.map((s) => [String(s.branchId), s]));
    const counts: Record<When, number> = { eve: 0, lead: 0 };
    for (const session of sessions) {
      const schedule = scheduleOf.get(String(session.branchId));
      if (!schedule) continue;
      for (const when of dueReminders(session, schedule, at, timeZone)) {
        counts[when] += await remind(deps, session, schedule, when, at);
      }
    }
    log.info({ counts }, 'study reminders');
    return `学习日提醒：前一天提醒 ${counts.eve} 人，当天提醒 ${counts.lead} 人`;
  },
};
