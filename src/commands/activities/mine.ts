import { defineCommand, ok } from '../../bot/command.js';
import { UserError } from '../../bot/user-error.js';
import { formatPeriod, hours, monthsOrCurrent, type YearMonth } from '../../domain/text/index.js';
import { formatActivity } from './format.js';

const MAX_LINES = 20;

export const myActivities = defineCommand<{ months: YearMonth[] }>({
  id: 'activity.mine',
  triggers: ['我的活动', '我的记录'],
  audience: 'registered',
  summary: '看自己记录的活动和时长',
  examples: ['我的活动 本月', '我的活动 今年'],
  parse(rest, { now, timeZone }) {
    return ok({ months: monthsOrCurrent(rest, now, timeZone) });
  },
  async handle(ctx, { months }) {
    if (ctx.sender.kind !== 'member') throw new UserError('您还没有登记。');
    const entries = await ctx.services.models.Activity.find({
      memberId: ctx.sender.member._id,
      month: { $in: months },
      undoneAt: null,
    }).sort({ date: 1, createdAt: 1 });
    const period = formatPeriod(months);
    if (entries.length === 0) throw new UserError(`${period}还没有活动记录。发「记一下 …」就能记录。`);
    const total = entries.reduce((sum, a) => sum + (a.minutes ?? 0), 0);
    const shown = entries.slice(-MAX_LINES).map(formatActivity);
    const more = entries.length > MAX_LINES ? [`（只列出最近${MAX_LINES}条）`] : [];
    await ctx.reply(
      [`${period}共${entries.length}次活动，合计${hours(total)}：`, ...shown, ...more].join('\n'),
    );
  },
});
