import { expects } from '../../bot/answers.js';
import { ask, defineCommand, ok } from '../../bot/command.js';
import { RATE_COMMAND_ID } from '../../complaints/follow-ups.js';
import { formatTime } from '../../complaints/messages.js';
import { parseNumbered, runStep, type StepAction } from '../../complaints/step-command.js';
import { findVisible } from '../../complaints/steps.js';
import type { TicketRef } from '../../domain/complaints/numbers.js';
import { parseRating, type Rating } from '../../domain/complaints/rating.js';
import { latestComplaintOf } from './mine.js';

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

/**
 * 评价 <编号> 满意|基本满意|不满意 [意见]: the reporter's verdict after 办结; 不满意 reopens it. A verdict without a
 * number (「修完第二天又坏了 不满意」) is about the person's own latest complaint: residents do not keep numbers.
 */
export const rateComplaint = defineCommand<
  (TicketRef | { number: null; lastYear: null }) & { rating: Rating; comment: string }
>({
  id: RATE_COMMAND_ID,
  triggers: ['评价'],
  audience: 'anyone',
  writes: true,
  summary: '对办结的诉求评价：满意、基本满意或不满意（不满意会重新办理）',
  examples: ['评价 2026-0153 满意', '评价 2026-0153 不满意 还是返水'],
  parse(rest, { now, timeZone }) {
    const numbered = parseNumbered(rest, now, timeZone, '评价', { question: QUESTION, expects: RATING });
    if (!numbered.ok) {
      const rated = 'missing' in numbered && numbered.missing === 'number' ? parseRating(rest) : null;
      return rated ? ok({ number: null, lastYear: null, ...rated }) : numbered;
    }
    const rated = parseRating(numbered.args.text);
    if (!rated) return ask('rating', QUESTION, RATING);
    return ok({ number: numbered.args.number, lastYear: numbered.args.lastYear, ...rated });
  },
  async handle(ctx, { rating, comment, ...ref }) {
    const complaint = ref.number === null ? await latestComplaintOf(ctx) : await findVisible(ctx, ref);
    await runStep(ctx, verdict(rating, comment), complaint, '');
  },
});
