import { defineCommand, ok } from '../../bot/command.js';
import { UserError } from '../../bot/user-error.js';
import { formatActivity } from './format.js';

const UNDO_WINDOW_MS = 24 * 3600_000;

export const undoActivity = defineCommand({
  id: 'activity.undo',
  triggers: ['撤销', '撤回', '删除刚才的记录'],
  audience: 'registered',
  writes: true,
  summary: '撤销自己24小时内最后一条活动记录',
  examples: ['撤销'],
  parse: () => ok({}),
  async handle(ctx) {
    if (ctx.sender.kind !== 'member') throw new UserError('您还没有登记。');
    const { Activity } = ctx.services.models;
    const msgId = ctx.message.dedupeKey;
    // A retried 撤销 must not undo a second entry: find the one this message already undid.
    const done =
      (await Activity.findOne({ memberId: ctx.sender.member._id, undoneByMsgId: msgId })) ??
      (await Activity.findOneAndUpdate(
        {
          memberId: ctx.sender.member._id,
          undoneAt: null,
          createdAt: { $gte: new Date(ctx.now.getTime() - UNDO_WINDOW_MS) },
        },
        { $set: { undoneAt: ctx.now, undoneByMsgId: msgId } },
        { sort: { createdAt: -1 }, returnDocument: 'after' },
      ));
    if (!done) throw new UserError('24小时内没有可以撤销的活动记录。更早的记录请联系支部书记更正。');
    await ctx.reply(`已撤销：${formatActivity(done)}`);
  },
});
