import { createHash } from 'node:crypto';
import { expects } from '../../bot/answers.js';
import { ask, defineCommand, invalid, ok, type ParseContext, type ParseResult } from '../../bot/command.js';
import type { BotContext } from '../../bot/context.js';
import { UserError } from '../../bot/user-error.js';
import { ATTENDANCE_LABELS, parseLeaveRequest, sessionWhen } from '../../domain/study/index.js';
import type { IsoDate } from '../../domain/text/index.js';
import { tellBranchOfficers } from '../../study/notify.js';
import { recordAttendance } from '../../study/record-attendance.js';
import { LEAVE_COMMAND_ID } from '../../study/reminder-card.js';
import { endOf, type SessionDoc, upcomingSessions, viewOf } from '../../study/sessions.js';
import { pressedSession, updateCardOf } from './card.js';
import { attendeeOf, memberInBranch, nextSessionLine } from './common.js';

/** Recorded when the leave button is pressed and no reason follows. */
const NO_REASON = '未填写原因';

/**
 * Records the speaker's leave for `session` (before its end) and tells the branch's secretaries. Returns false
 * when nothing was recorded because they are already signed in or recorded otherwise.
 */
async function askLeave(ctx: BotContext, session: SessionDoc, reason: string): Promise<boolean> {
  const member = attendeeOf(ctx, session);
  const when = sessionWhen(viewOf(session));
  if (ctx.now >= endOf(session, ctx.timeZone)) {
    throw new UserError(`${when}的学习已经结束了，不能再请假。如有情况，请直接向支部书记说明。`);
  }
  const outcome = await recordAttendance(ctx.services.models, {
    session,
    sourceKey: ctx.message.dedupeKey,
    memberId: member._id,
    kind: 'leave',
    reason,
    byMemberId: member._id,
    at: ctx.now,
  });
  if (outcome.result === 'kept') {
    await ctx.reply(`您${when}的学习已经登记为「${ATTENDANCE_LABELS[outcome.record.kind]}」，不用请假。`);
    return false;
  }
  const digest = createHash('sha1').update(reason).digest('hex').slice(0, 10);
  await tellBranchOfficers(
    ctx.services,
    session.branchId,
    `study-leave-${String(outcome.record._id)}-${digest}`,
    `${member.name}请假：${when}的学习。原因：${reason}`,
    'study-leave',
    ctx.message.fromUser,
  );
  return true;
}

const REASON_QUESTION = '请问请假的原因是什么？例如「去医院复查」。';
const REASON = expects('text', '去医院复查');

/** Put in front of a free sentence while the bot asks whether it was meant as a leave. */
const ASKED = '#问请假#';
const YES = /\s(?:是|是的|对|对的|嗯|好|好的|确认|确定|请假)$/;

interface LeaveArgs {
  date: IsoDate | null;
  reason: string;
  /** The words as written, kept while the bot asks whether a free sentence was meant as a leave. */
  text: string;
  /** False for a free sentence (「物业一直来不了」 is not a leave): the bot asks before recording. */
  confirmed: boolean;
}

function parseLeave(text: string, confirmed: boolean, ctx: ParseContext): ParseResult<LeaveArgs> {
  const parsed = parseLeaveRequest(text, ctx.now, ctx.timeZone);
  if (parsed.ok) return ok({ ...parsed.value, text, confirmed });
  if ('error' in parsed) return invalid(parsed.error);
  return ask('reason', REASON_QUESTION, REASON);
}

/** 请假 <原因>: for the next session, or the one on a named day; before it ends. A free sentence asks first. */
export const studyLeave = defineCommand<LeaveArgs>({
  id: LEAVE_COMMAND_ID,
  triggers: ['请假', '请个假'],
  audience: 'registered',
  writes: true,
  summary: '学习日请假',
  examples: ['请假 去医院复查', '请假 明天学习去不了 要去医院复查', '我腿脚不好 这周的会就不去了'],
  parse(rest, ctx) {
    if (!rest.startsWith(ASKED)) return parseLeave(rest, ctx.by !== 'keyword', ctx);
    const answered = rest.slice(ASKED.length).trim();
    if (!YES.test(answered)) return invalid('好的，没有请假。要请假请发「请假 原因」。');
    return parseLeave(answered.replace(YES, ''), true, ctx);
  },
  async handle(ctx, { date, reason, text, confirmed }) {
    const { branchId } = memberInBranch(ctx);
    const { models } = ctx.services;
    const session = date
      ? await models.StudySession.findOne({ branchId, date, status: 'scheduled' })
      : (await upcomingSessions(models, { branchId }, ctx.now, ctx.timeZone, 1))[0];
    if (!session) {
      const next = await nextSessionLine(ctx, branchId);
      throw new UserError(date ? `那天没有学习安排，不用请假。${next}` : '近期没有学习安排，不用请假。');
    }
    attendeeOf(ctx, session);
    if (!confirmed) {
      const question = `您是要请假，不参加${sessionWhen(viewOf(session))}的学习吗？`;
      await ctx.services.dialogues.set(ctx.message.fromUser, {
        commandId: LEAVE_COMMAND_ID,
        text: `${ASKED} ${text}`,
        missing: 'confirm',
        question,
        expects: expects('yes-no', '是'),
      });
      await ctx.reply(
        `${question}\n是请回复「是」；不是请回复「不是」。\n（如果是反映问题，请发「反映 …」。）`,
      );
      return;
    }
    // The secretary reads the reason in the member's own characters.
    const own = ctx.ownWords(reason);
    if (await askLeave(ctx, session, own)) {
      await ctx.reply(
        `已请假：${sessionWhen(viewOf(session))}的学习。\n原因：${own}\n已转告支部书记。能来了请发「销假」。`,
      );
    }
  },
  /**
   * The card's 请假 button: the leave is recorded at once (a member pressing it expects it done), with 「未填写原因」;
   * the bot then asks for the reason, and an answer within ten minutes updates the leave and the secretary.
   */
  async onCardPress(ctx, press) {
    const { models } = ctx.services;
    const session = await pressedSession(ctx, press);
    const member = attendeeOf(ctx, session);
    const existing = await models.Attendance.findOne({ sessionId: session._id, memberId: member._id });
    if (existing?.kind === 'leave') {
      await updateCardOf(ctx, press, '已请假');
      await ctx.reply(`您已经请过假了（原因：${existing.reason}）。`);
      return;
    }
    if (!(await askLeave(ctx, session, NO_REASON))) return;
    await updateCardOf(ctx, press, '已请假');
    await ctx.services.dialogues.set(ctx.message.fromUser, {
      commandId: LEAVE_COMMAND_ID,
      text: session.date,
      missing: 'reason',
      question: REASON_QUESTION,
      expects: REASON,
    });
    await ctx.reply(
      `已为您请假：${sessionWhen(viewOf(session))}的学习，书记会收到通知。\n方便的话，请直接回复请假原因（例如：去医院复查），我会一并转告。`,
    );
  },
});
