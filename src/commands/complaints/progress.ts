import { defineCommand, ok } from '../../bot/command.js';
import { detail } from '../../complaints/format.js';
import { parseNumbered } from '../../complaints/step-command.js';
import { findVisible } from '../../complaints/steps.js';
import type { TicketRef } from '../../domain/complaints/numbers.js';
import { latestComplaintOf } from './mine.js';

/**
 * 进度 <编号>: the whole story of one complaint, for those who may see it. A free sentence without a number
 * (「我上周说的那个事有人管没」) is about the person's own latest complaint: residents do not keep numbers.
 */
export const complaintProgress = defineCommand<TicketRef | null>({
  id: 'complaint.progress',
  triggers: ['进度', '查进度', '诉求进度'],
  audience: 'anyone',
  summary: '查一件诉求办到哪一步了',
  examples: ['进度 2026-0153'],
  parse: (rest, { now, timeZone, by }) => {
    const parsed = parseNumbered(rest, now, timeZone, '进度', null);
    if (parsed.ok) return ok({ number: parsed.args.number, lastYear: parsed.args.lastYear });
    return by === 'keyword' ? ok(null) : parsed;
  },
  async handle(ctx, ref) {
    const complaint = ref ? await findVisible(ctx, ref) : await latestComplaintOf(ctx);
    await ctx.reply(detail(complaint, ctx.sender, ctx.timeZone, ctx.now));
  },
});
