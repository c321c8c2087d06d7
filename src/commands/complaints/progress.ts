import { defineCommand, ok } from '../../bot/command.js';
import { detail } from '../../complaints/format.js';
import { parseNumbered } from '../../complaints/step-command.js';
import { findVisible } from '../../complaints/steps.js';
import type { TicketRef } from '../../domain/complaints/numbers.js';

/** 进度 <编号>: the whole story of one complaint, for those who may see it. */
export const complaintProgress = defineCommand<TicketRef>({
  id: 'complaint.progress',
  triggers: ['进度', '查进度', '诉求进度'],
  audience: 'anyone',
  summary: '查一件诉求办到哪一步了',
  examples: ['进度 2026-0153'],
  parse: (rest, { now, timeZone }) => {
    const parsed = parseNumbered(rest, now, timeZone, '进度', null);
    return parsed.ok ? ok({ number: parsed.args.number, lastYear: parsed.args.lastYear }) : parsed;
  },
  async handle(ctx, ref) {
    const complaint = await findVisible(ctx, ref);
    await ctx.reply(detail(complaint, ctx.sender, ctx.timeZone, ctx.now));
  },
});
