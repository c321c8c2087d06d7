import { Types } from 'mongoose';
import type { CardPress } from '../../bot/command.js';
import type { BotContext } from '../../bot/context.js';
import { UserError } from '../../bot/user-error.js';
import type { SessionDoc } from '../../study/sessions.js';
import { memberInBranch } from './common.js';

/**
 * Greys out the presser's copy of a reminder card with `label` (已签到 / 已请假). The response code is single use
 * and lives 72 h; when WeCom refuses it (an old card, a second press) the reply already said what happened, so
 * that is logged and not an error for the member.
 */
export async function updateCardOf(ctx: BotContext, press: CardPress, label: string): Promise<void> {
  try {
    await ctx.services.wecom.updateTemplateCard({
      userids: [ctx.message.fromUser],
      responseCode: press.responseCode,
      replaceName: label,
    });
  } catch (error) {
    ctx.log.warn({ err: error, taskId: press.taskId }, 'could not update the reminder card');
  }
}

/** The session a reminder card's button names, if it is still held and the presser's branch's. */
export async function pressedSession(ctx: BotContext, press: CardPress): Promise<SessionDoc> {
  const { branchId } = memberInBranch(ctx);
  const session = Types.ObjectId.isValid(press.payload)
    ? await ctx.services.models.StudySession.findOne({ _id: press.payload, branchId })
    : null;
  if (session?.status !== 'scheduled') {
    throw new UserError('这次学习已经调整或取消了。发「学习日」可查看最新安排。');
  }
  return session;
}
