import type { CardPress } from '../bot/command.js';
import type { BotContext } from '../bot/context.js';

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
