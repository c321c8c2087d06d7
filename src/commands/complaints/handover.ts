import { HANDLERS } from '../../bot/audiences.js';
import { defineCommand, ok } from '../../bot/command.js';
import { UserError } from '../../bot/user-error.js';
import { actorsOf } from '../../complaints/access.js';
import { parseNumbered } from '../../complaints/step-command.js';
import { findVisible } from '../../complaints/steps.js';
import type { TicketRef } from '../../domain/complaints/numbers.js';
import { handOver } from '../../kf/handover.js';

/**
 * 转人工 <编号>: the handler (or a secretary) takes over the chat with a resident who wrote through 微信客服;
 * the bot stays silent in that session until it ends. The asker must be a receptionist of the account.
 */
export const handOverResident = defineCommand<TicketRef>({
  id: 'complaint.handover',
  triggers: ['转人工', '人工接待'],
  audience: HANDLERS,
  writes: true,
  summary: '由您在「微信客服」里亲自接待这件诉求的反映人，机器人不再回复他（微信居民）',
  examples: ['转人工 2026-0153'],
  parse: (rest, { now, timeZone }) => {
    const parsed = parseNumbered(rest, now, timeZone, '转人工', null);
    return parsed.ok ? ok({ number: parsed.args.number, lastYear: parsed.args.lastYear }) : parsed;
  },
  async handle(ctx, ref) {
    const complaint = await findVisible(ctx, ref);
    const actors = actorsOf(complaint, ctx.sender);
    if (!actors.includes('handler') && !actors.includes('manager')) {
      throw new UserError(
        `诉求 ${complaint.number} 由${complaint.handlerName}承办，请由承办人或书记转人工。`,
      );
    }
    const outcome = await handOver(
      ctx.services.models,
      ctx.services.wecom.kf,
      complaint.reporter.userId,
      ctx.sender.userId,
    );
    if (outcome.ok) {
      return ctx.reply(
        `已把 ${complaint.number} 的反映人转给您人工接待，请在企业微信「微信客服」（${outcome.accountName}）里回复他。这次会话结束前，机器人不再回复他。`,
      );
    }
    const why = {
      not_kf: `${complaint.number} 的反映人不是通过微信客服反映的，可以直接在企业微信里联系他。`,
      no_session: `${complaint.number} 的反映人还没有在微信客服里发过消息，暂时无法转人工。`,
      not_servicer: `您还不是「${outcome.accountName}」的接待人员。请管理员在管理后台「微信客服」里把您加为接待人员后再试。`,
      session_closed: `${complaint.number} 的反映人现在的会话无法转人工（可能已结束），请等他下次发消息后再试。`,
    }[outcome.why];
    throw new UserError(why);
  },
});
