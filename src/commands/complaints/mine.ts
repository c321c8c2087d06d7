import { defineCommand, ok } from '../../bot/command.js';
import type { BotContext } from '../../bot/context.js';
import { UserError } from '../../bot/user-error.js';
import { listLine } from '../../complaints/format.js';
import { communityOf } from '../../complaints/reporter.js';

const SHOWN = 10;
const NONE_YET = '您还没有反映过问题。遇到问题直接告诉我，例如「5号楼2单元下水道堵了」。';

/** What this person reported or follows, newest first. */
export function complaintsOf(ctx: BotContext, limit = SHOWN) {
  return ctx.services.models.Complaint.find({
    communityId: communityOf(ctx)._id,
    subscribers: ctx.sender.userId,
  })
    .sort({ createdAt: -1 })
    .limit(limit);
}

/** The newest complaint this person reported or follows; tells them so when there is none. */
export async function latestComplaintOf(ctx: BotContext) {
  const [latest] = await complaintsOf(ctx, 1);
  if (!latest) throw new UserError(NONE_YET);
  return latest;
}

/** 我的反映: what this person reported or follows (the same problem reported earlier), newest first. */
export const myComplaints = defineCommand({
  id: 'complaint.mine',
  triggers: ['我的反映', '我的诉求', '我的投诉'],
  audience: 'anyone',
  summary: '看自己反映过的问题和办理情况',
  examples: ['我的反映'],
  parse: () => ok({}),
  async handle(ctx) {
    const list = await complaintsOf(ctx);
    if (list.length === 0) throw new UserError(NONE_YET);
    const lines = list.map((c) => {
      const followed = c.reporter.userId === ctx.sender.userId ? '' : '（您反映过同一问题）';
      const merged = c.state === 'duplicate' ? `（已并入 ${c.duplicateOfNumber}）` : '';
      return `${listLine(c, ctx.sender, ctx.now)}${followed}${merged}`;
    });
    await ctx.reply(
      [`您反映的问题（最近${list.length}件）：`, ...lines, '发「进度 编号」查看详情。'].join('\n'),
    );
  },
});
