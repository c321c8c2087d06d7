import { HANDLERS } from '../../bot/audiences.js';
import { defineCommand, ok } from '../../bot/command.js';
import type { BotContext } from '../../bot/context.js';
import { UserError } from '../../bot/user-error.js';
import { ACCEPT_COMMAND_ID } from '../../complaints/card.js';
import { complaintByCard, movedOn, updatePressedCard } from '../../complaints/card-press.js';
import type { ComplaintDoc } from '../../complaints/changes.js';
import { placeText, summaryLine } from '../../complaints/messages.js';
import { communityOf } from '../../complaints/reporter.js';
import { runStep, type StepCommandSpec, stepDeclaration } from '../../complaints/step-command.js';
import { findVisible, ticketNumberIn } from '../../complaints/steps.js';
import type { TicketRef } from '../../domain/complaints/numbers.js';

const spec: StepCommandSpec = {
  id: ACCEPT_COMMAND_ID,
  triggers: ['受理'],
  audience: HANDLERS,
  summary: '受理交给您的居民诉求（网格长、社区工作人员）',
  examples: ['受理 2026-0153', '受理'],
  argument: null,
  request: () => ({ step: 'accept', note: '' }),
  reply: (c) =>
    `已受理 ${c.number}（${placeText(c)}），已告诉反映人。\n有进展可发「补充 ${c.number} 内容」；办好后发「办结 ${c.number} 处理结果」，可附照片。`,
};

/** 「受理」 alone: the one complaint waiting for this handler, or the list to choose from. */
async function onlyPending(ctx: BotContext): Promise<ComplaintDoc> {
  const waiting = await ctx.services.models.Complaint.find({
    communityId: communityOf(ctx)._id,
    handlerUserId: ctx.sender.userId,
    state: 'pending',
  })
    .sort({ createdAt: 1 })
    .limit(10);
  if (waiting.length === 0) throw new UserError('您现在没有待受理的诉求。');
  if (waiting.length === 1) return waiting[0]!;
  throw new UserError(
    [
      `您有${waiting.length}件待受理：`,
      ...waiting.map(summaryLine),
      `请发「受理 编号」，例如「受理 ${waiting[0]!.number}」。`,
    ].join('\n'),
  );
}

/** 受理 [编号], or the [受理] button on the handler's card. */
export const acceptComplaint = defineCommand<{ ref: TicketRef | null }>({
  ...stepDeclaration(spec),
  parse: (rest, { now, timeZone }) => ok({ ref: ticketNumberIn(rest, now, timeZone) }),
  async handle(ctx, { ref }) {
    const complaint = ref ? await findVisible(ctx, ref) : await onlyPending(ctx);
    await runStep(ctx, spec, complaint, '');
  },
  async onCardPress(ctx, press) {
    const pressed = await complaintByCard(ctx, press.payload);
    const { complaint } = pressed;
    const moved = movedOn(ctx, pressed);
    try {
      await (moved ? ctx.reply(moved) : runStep(ctx, spec, complaint, ''));
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      await ctx.reply(error.reply);
    }
    await updatePressedCard(ctx, complaint._id, press.responseCode);
  },
});
