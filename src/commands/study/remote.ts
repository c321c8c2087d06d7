import { defineCommand, ok } from '../../bot/command.js';
import type { BotContext } from '../../bot/context.js';
import type { MemberDoc } from '../../bot/sender.js';
import { UserError } from '../../bot/user-error.js';
import { formatDay } from '../../domain/activity.js';
import { ATTENDANCE_LABELS, isQuestion } from '../../domain/study/index.js';
import { type IsoDate, parseDate } from '../../domain/text/index.js';
import { tellBranchOfficers } from '../../study/notify.js';
import { recordAttendance } from '../../study/record-attendance.js';
import { endOf, recentSession, type SessionDoc, startOf, viewOf } from '../../study/sessions.js';
import { attendeeOf, branchSchedule, memberInBranch } from './common.js';

/** How long after its start a session's material may still be recorded as studied, at most. */
const REMOTE_DAYS = 7;

const HOW_REMOTE =
  '在外地或行动不便不能到场的，可以远程学习：学习开始后，按支部发的材料（或线上会议）学习，学完发「已学习」登记，' +
  `算远程参学（不算到场签到），要在下次学习开始前、最迟${REMOTE_DAYS}天内登记。书记会收到通知。` +
  '\n需要线上参会的，请提前和支部书记说一声。';

/** When remote study of `session` may no longer be recorded: the next session's start, or a week on. */
async function remoteDeadline(ctx: Parameters<typeof memberInBranch>[0], session: SessionDoc): Promise<Date> {
  const weekOn = new Date(startOf(session, ctx.timeZone).getTime() + REMOTE_DAYS * 86_400_000);
  const next = await ctx.services.models.StudySession.findOne({
    branchId: session.branchId,
    status: 'scheduled',
    date: { $gt: session.date },
  }).sort({ date: 1 });
  const nextStart = next && startOf(next, ctx.timeZone);
  return nextStart && nextStart < weekOn ? nextStart : weekOn;
}

/**
 * Remote study is for those who cannot be in the room: mobile members, the housebound (the branch has taken them
 * the material before) and anyone on leave for this session. Others, while it is on, are there to sign in.
 */
async function awayOrHousebound(ctx: BotContext, member: MemberDoc, session: SessionDoc): Promise<boolean> {
  if (member.status === 'mobile') return true;
  const { Attendance } = ctx.services.models;
  const excused = await Attendance.findOne({
    memberId: member._id,
    $or: [{ sessionId: session._id, kind: 'leave' }, { kind: 'home_delivered' }],
  });
  return excused !== null;
}

/**
 * 已学习: a member who could not come (in another city, housebound) studied the session's material. Counts as
 * taking part remotely, for a session that has started, until the next one starts (at most a week); the branch's
 * officers are told. A question (「线上参加行不行」) is answered with how remote study works, not recorded.
 */
export const studyRemote = defineCommand<{ date: IsoDate | null; note: string; question: boolean }>({
  id: 'study.remote',
  triggers: ['已学习', '学完了', '远程学习'],
  audience: 'registered',
  // A question (「线上参加行不行」) is answered, not recorded.
  writes: (text) => !isQuestion(text),
  summary: '远程学习后登记',
  examples: ['已学习', '我在线上参加的 算签到吗'],
  parse(rest, { now, timeZone }) {
    const date = parseDate(rest, now, timeZone);
    return ok({
      date: date?.date ?? null,
      note: rest.replace(date?.matched ?? '', '').trim(),
      question: isQuestion(rest),
    });
  },
  async handle(ctx, { date, note, question }) {
    if (question) return ctx.reply(HOW_REMOTE);
    const { branchId } = memberInBranch(ctx);
    const schedule = await branchSchedule(ctx, branchId);
    const session = await recentSession(ctx.services.models, branchId, date, ctx.now, ctx.timeZone);
    if (!session) {
      throw new UserError(
        date ? `${formatDay(date)}没有学习。` : '最近还没有开始的学习。学习开始后，学完材料再发「已学习」。',
      );
    }
    const member = attendeeOf(ctx, session);
    const when = formatDay(viewOf(session).date);
    if (startOf(session, ctx.timeZone) > ctx.now) {
      throw new UserError(`${when}的学习还没开始。学习开始后，学完材料再发「已学习」。`);
    }
    if (ctx.now < endOf(session, ctx.timeZone) && !(await awayOrHousebound(ctx, member, session))) {
      throw new UserError(
        `${when}的学习正在进行。在现场的请发「签到」；来不了的请发「请假 原因」，之后学完材料再发「已学习」。`,
      );
    }
    if (ctx.now >= (await remoteDeadline(ctx, session))) {
      throw new UserError(
        `${when}的学习已经过了登记远程学习的时间（下次学习开始前、最迟${REMOTE_DAYS}天内）。如有情况，请向支部书记说明。`,
      );
    }
    const outcome = await recordAttendance(ctx.services.models, {
      session,
      sourceKey: ctx.message.dedupeKey,
      memberId: member._id,
      kind: 'remote',
      reason: note.slice(0, 200),
      byMemberId: member._id,
      at: ctx.now,
    });
    if (outcome.result === 'kept') {
      await ctx.reply(`您${when}的学习已经登记为「${ATTENDANCE_LABELS[outcome.record.kind]}」了。`);
      return;
    }
    await tellBranchOfficers(
      ctx.services,
      branchId,
      `study-remote-${String(outcome.record._id)}`,
      `${member.name}登记了远程学习：${when}的学习。`,
      'study-remote',
      ctx.message.fromUser,
    );
    const topic = session.topic || schedule.topic;
    await ctx.reply(`已登记：您远程学习了${when}的内容${topic ? `（${topic}）` : ''}。已转告支部书记。`);
  },
});
