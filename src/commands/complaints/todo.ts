import { HANDLERS, OVERSEERS } from '../../bot/audiences.js';
import { defineCommand, ok } from '../../bot/command.js';
import { UserError } from '../../bot/user-error.js';
import { listLine } from '../../complaints/format.js';
import { openComplaintsFor, SHOWN } from '../../complaints/open-list.js';

/** 待办: complaints not finished yet — a grid leader's own, an officer's whole scope. */
export const complaintTodo = defineCommand({
  id: 'complaint.todo',
  triggers: ['待办', '待办诉求'],
  audience: [...new Set([...HANDLERS, ...OVERSEERS])],
  summary: '还没办完的居民诉求（网格长看自己的，书记看全部）',
  examples: ['待办'],
  parse: () => ok({}),
  async handle(ctx) {
    const { list, label } = await openComplaintsFor(ctx);
    if (list.length === 0) throw new UserError(`没有待办的诉求（${label}）。`);
    const pending = list.filter((c) => c.state === 'pending').length;
    await ctx.reply(
      [
        `待办诉求（${label}）共${list.length}件，其中待受理${pending}件：`,
        ...list.slice(0, SHOWN).map((c) => listLine(c, ctx.sender, ctx.now)),
        ...(list.length > SHOWN ? [`……另有${list.length - SHOWN}件未列出`] : []),
        '发「进度 编号」看详情。',
      ].join('\n'),
    );
  },
});
