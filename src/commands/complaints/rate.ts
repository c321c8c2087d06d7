import { expects } from '../../bot/answers.js';
import { ask, defineCommand, ok } from '../../bot/command.js';
import type { BotContext } from '../../bot/context.js';
import { UserError } from '../../bot/user-error.js';
import type { ComplaintDoc } from '../../complaints/changes.js';
import { RATE_COMMAND_ID } from '../../complaints/follow-ups.js';
import { formatTime, summaryLine } from '../../complaints/messages.js';
import { communityOf } from '../../complaints/reporter.js';
import { runStep, type StepAction } from '../../complaints/step-command.js';
import { findVisible, ticketNumberIn } from '../../complaints/steps.js';
import type { TicketRef } from '../../domain/complaints/numbers.js';
import { parseRating, type Rating } from '../../domain/complaints/rating.js';

const RATING = expects('rating', '满意');
const QUESTION = '请回复「满意」「基本满意」或「不满意」，可以附上意见。';

function verdict(rating: Rating, comment: string): StepAction {
  return {
    request: () => ({
      step: rating === '不满意' ? 'reopen' : 'rate',
      note: comment ? `${rating}，${comment}` : rating,
      set: { rating, ratingComment: comment },
    }),
    reply: (c, _entry, ctx) =>
      rating === '不满意'
        ? `收到，已重新交给${c.handlerName}办理，${formatTime(c.resolveDeadline, ctx.timeZone)}前给您答复。`
        : '谢谢您的评价！有新的问题随时告诉我。',
  };
}

/** 「修好了 挺满意的」 without a number: the one complaint of this reporter waiting for a verdict, or the list. */
async function onlyAwaitingVerdict(ctx: BotContext): Promise<ComplaintDoc> {
  const waiting = await ctx.services.models.Complaint.find({
    communityId: communityOf(ctx)._id,
    'reporter.userId': ctx.sender.userId,
    state: 'resolved',
  })
    .sort({ resolvedAt: -1 })
    .limit(10);
  if (waiting.length === 0) throw new UserError('您现在没有等待评价的诉求。');
  if (waiting.length === 1) return waiting[0]!;
  throw new UserError(
    [
      `您有${waiting.length}件诉求等您评价：`,
      ...waiting.map(summaryLine),
      `请发「评价 编号 满意」，例如「评价 ${waiting[0]!.number} 满意」。`,
    ].join('\n'),
  );
}

/**
 * 评价 <编号> 满意|基本满意|不满意 [意见]: the reporter's verdict after 办结; 不满意 reopens it. Residents seldom
 * keep numbers: a verdict without one is about their complaint waiting for it.
 */
export const rateComplaint = defineCommand<{ ref: TicketRef | null; rating: Rating; comment: string }>({
  id: RATE_COMMAND_ID,
  triggers: ['评价'],
  audience: 'anyone',
  writes: true,
  summary: '对办结的诉求评价：满意、基本满意或不满意（不满意会重新办理）',
  examples: ['评价 2026-0153 满意', '评价 2026-0153 不满意 还是返水'],
  parse(rest, { now, timeZone }) {
    const found = ticketNumberIn(rest, now, timeZone);
    const rated = parseRating(found ? found.rest : rest);
    if (!rated) return ask('rating', QUESTION, RATING);
    return ok({ ref: found && { number: found.number, lastYear: found.lastYear }, ...rated });
  },
  async handle(ctx, { rating, comment, ref }) {
    const complaint = ref ? await findVisible(ctx, ref) : await onlyAwaitingVerdict(ctx);
    await runStep(ctx, verdict(rating, ctx.ownWords(comment)), complaint, '');
  },
});
