import { expects } from '../../bot/answers.js';
import { HANDLERS } from '../../bot/audiences.js';
import type { Command } from '../../bot/command.js';
import { REPLY } from '../../bot/replies.js';
import { actorsOf } from '../../complaints/access.js';
import { REASSIGN_COMMAND_ID } from '../../complaints/card.js';
import { complaintByCard, movedOn } from '../../complaints/card-press.js';
import { reassignTarget } from '../../complaints/routing.js';
import { defineStepCommand, type NumberedArgs } from '../../complaints/step-command.js';
import { refusal } from '../../domain/complaints/lifecycle.js';

const WHO = '请问转派给谁？请写网格编号（如 G02）、网格名称或姓名。';
const WHO_EXPECTS = expects('text', 'G02');

/** 转派 <编号> <网格|姓名>: the complaint goes to another grid's leader or person, who gets the card. */
const typed = defineStepCommand({
  id: REASSIGN_COMMAND_ID,
  triggers: ['转派'],
  audience: HANDLERS,
  summary: '把诉求转给别的网格或人员办理',
  examples: ['转派 2026-0153 G02', '转派 2026-0153 马建军'],
  argument: { question: WHO, expects: WHO_EXPECTS },
  async request(ctx, complaint, text) {
    const target = await reassignTarget(ctx.services.models, complaint.communityId, text);
    return {
      step: 'reassign',
      note: `转派给${target.label}`,
      set: {
        ...(target.gridId && { gridId: target.gridId }),
        handlerUserId: target.handlerUserId,
        handlerName: target.handlerName,
      },
      check: (c) =>
        c.handlerUserId === target.handlerUserId
          ? `诉求 ${c.number} 本来就由${target.handlerName}承办。`
          : null,
    };
  },
  /** Its duplicates go along: their reporters' details are for whoever handles the problem now. */
  async after(ctx, complaint) {
    await ctx.services.models.Complaint.updateMany(
      { duplicateOf: complaint._id },
      { $set: { handlerUserId: complaint.handlerUserId, handlerName: complaint.handlerName } },
    );
  },
  reply: (c) => `已将 ${c.number} 转派给${c.handlerName}，已通知对方和反映人。`,
});

/** The [转派] button: asks to whom, and the answer completes 「转派 <编号> …」. */
export const reassignComplaint: Command<NumberedArgs> = {
  ...typed,
  async onCardPress(ctx, press) {
    const pressed = await complaintByCard(ctx, press.payload);
    const { complaint } = pressed;
    const moved = movedOn(ctx, pressed);
    if (moved) return ctx.reply(moved);
    const refused = refusal('reassign', complaint.state, actorsOf(complaint, ctx.sender), complaint, '-');
    if (refused) return ctx.reply(refused);
    await ctx.services.dialogues.set(ctx.message.fromUser, {
      commandId: REASSIGN_COMMAND_ID,
      text: complaint.number,
      missing: 'text',
      question: WHO,
      expects: WHO_EXPECTS,
    });
    await ctx.reply(`诉求 ${complaint.number}：${WHO}\n${REPLY.cancelHint}`);
  },
};
