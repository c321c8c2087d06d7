import { OVERSEERS } from '../../bot/audiences.js';
import { defineCommand, ok } from '../../bot/command.js';
import { UserError } from '../../bot/user-error.js';
import { listLine } from '../../complaints/format.js';
import { openComplaintsFor, SHOWN } from '../../complaints/open-list.js';

/** 超时诉求: open complaints past their accept or resolve limit, for officers to chase or reassign. */
export const overdueComplaints = defineCommand({
  id: 'complaint.overdue',
  triggers: ['超时诉求'],
  audience: OVERSEERS,
  summary: '超过受理或办结时限的诉求（书记、社区工作人员）',
  examples: ['超时诉求'],
  parse: () => ok({}),
  async handle(ctx) {
    const { list, label } = await openComplaintsFor(ctx, {
      $or: [{ state: 'pending', acceptDeadline: { $lte: ctx.now } }, { resolveDeadline: { $lte: ctx.now } }],
    });
    if (list.length === 0) throw new UserError(`没有超时的诉求（${label}）。`);
    await ctx.reply(
      [
        `超时诉求（${label}）共${list.length}件：`,
        ...list.slice(0, SHOWN).map((c) => listLine(c, ctx.sender, ctx.now)),
        ...(list.length > SHOWN ? [`……另有${list.length - SHOWN}件未列出`] : []),
        '可发「转派 编号 网格或姓名」改派，或提醒承办人。',
      ].join('\n'),
    );
  },
});
