import { defineCommand, invalid, ok } from '../../bot/command.js';
import type { BotContext } from '../../bot/context.js';
import { UserError } from '../../bot/user-error.js';
import {
  ATTENDANCE_LABELS,
  civilIsoDate,
  clockOf,
  sessionWhen,
  signInState,
  signInWindow,
  signsInForOthers,
} from '../../domain/study/index.js';
import { recordAttendance } from '../../study/record-attendance.js';
import { SIGN_IN_COMMAND_ID } from '../../study/reminder-card.js';
import { type SessionDoc, timingOf, viewOf } from '../../study/sessions.js';
import { pressedSession, updateCardOf } from './card.js';
import { attendeeOf, branchSchedule, memberInBranch, nextSessionLine } from './common.js';

const FOR_OTHERS =
  '签到只能本人签。家人或其他同志到了，请他们用自己的企业微信发「签到」；不方便的，请书记「补签」。';

/**
 * Signs the speaker in to `session` if its window is open; otherwise says when it opens or that it has ended.
 * Returns whether the member is now signed in (also when they already were).
 */
async function signIn(ctx: BotContext, session: SessionDoc): Promise<boolean> {
  const member = attendeeOf(ctx, session);
  const schedule = await branchSchedule(ctx, session.branchId);
  const window = signInWindow(timingOf(session), ctx.timeZone, schedule.signInOpensMinutes);
  const span = `${clockOf(window.opens, ctx.timeZone)}–${clockOf(window.closes, ctx.timeZone)}`;
  const when = sessionWhen(viewOf(session));
  const state = signInState(ctx.now, window);
  if (state === 'early') {
    const today = civilIsoDate(ctx.now, ctx.timeZone) === session.date;
    await ctx.reply(
      `还没到签到时间。${today ? '今天' : ''}${when}的学习，签到时间是${span}，到时再发「签到」。`,
    );
    return false;
  }
  if (state === 'closed') {
    await ctx.reply(`${when}的学习已经结束（签到时间${span}），不能再签到了。确实参加了的，请找书记补签。`);
    return false;
  }
  const outcome = await recordAttendance(ctx.services.models, {
    session,
    sourceKey: ctx.message.dedupeKey,
    memberId: member._id,
    kind: 'signed',
    byMemberId: member._id,
    at: ctx.now,
  });
  if (outcome.result === 'kept') {
    const { record } = outcome;
    const already =
      record.kind === 'signed'
        ? `您已经签到过了（${clockOf(record.at, ctx.timeZone)}），不用再签。`
        : `书记已为您登记「${ATTENDANCE_LABELS[record.kind]}」，不用再签。`;
    await ctx.reply(already);
    return true;
  }
  const after = outcome.previous === 'leave' ? '（原来的请假已撤销）' : '';
  await ctx.reply(`签到成功！${when}，${session.place}。${after}`);
  return true;
}

/** 签到: the member's own sign-in, inside the window (by default 30 minutes before the start until the end). */
export const studySignIn = defineCommand<Record<string, never>>({
  id: SIGN_IN_COMMAND_ID,
  triggers: ['签到', '我到了', '签个到'],
  audience: 'registered',
  writes: true,
  summary: '学习日到场签到',
  examples: ['签到', '已到会议室 签个到'],
  parse(rest) {
    return signsInForOthers(rest) ? invalid(FOR_OTHERS) : ok({});
  },
  async handle(ctx) {
    const { branchId } = memberInBranch(ctx);
    const today = civilIsoDate(ctx.now, ctx.timeZone);
    const session = await ctx.services.models.StudySession.findOne({
      branchId,
      date: today,
      status: 'scheduled',
    });
    if (!session) throw new UserError(`今天没有学习安排。${await nextSessionLine(ctx, branchId)}`);
    await signIn(ctx, session);
  },
  async onCardPress(ctx, press) {
    const session = await pressedSession(ctx, press);
    if (await signIn(ctx, session)) await updateCardOf(ctx, press, '已签到');
  },
});
