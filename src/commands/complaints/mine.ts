import { defineCommand, ok } from '../../bot/command.js';
import { UserError } from '../../bot/user-error.js';
import { listLine } from '../../complaints/format.js';
import { communityOf } from '../../complaints/reporter.js';

const SHOWN = 10;

/** 我的反映: what this person reported or follows (the same problem reported earlier), newest first. */
export const myComplaints = defineCommand({
  id: 'complaint.mine',
  triggers: ['我的反映', '我的诉求', '我的投诉'],
  audience: 'anyone',
  summary: '看自己反映过的问题和办理情况',
  examples: ['我的反映'],
  parse: () => ok({}),
  async handle(ctx) {
    const community = communityOf(ctx);
    const list = await ctx.services.models.Complaint.find({
      communityId: community._id,
      subscribers: ctx.sender.userId,
    })
      .sort({ createdAt: -1 })
      .limit(SHOWN);
    if (list.length === 0) {
      throw new UserError('您还没有反映过问题。遇到问题直接告诉我，例如「5号楼2单元下水道堵了」。');
    }
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
