import { defineCommand, ok } from '../../bot/command.js';
import { UserError } from '../../bot/user-error.js';
import { pointsBoard } from '../../desk/points/index.js';
import { exclusionReason } from '../../domain/points/index.js';
import { civilToday, isoDate } from '../../domain/text/calendar.js';
import { currentYearMonth, findYear, yearMonths } from '../../domain/text/index.js';
import { describeCategory } from './format.js';

/** 我的积分: this year's points with the breakdown, computed from the member's records, and their place in the branch. */
export const myPoints = defineCommand<{ year: number | null }>({
  id: 'points.mine',
  triggers: ['我的积分', '积分'],
  audience: 'registered',
  summary: '查自己的积分和得分明细',
  examples: ['我的积分', '我的积分 去年'],
  parse: (rest, { now, timeZone }) => ok({ year: findYear(rest, now, timeZone)?.year ?? null }),
  async handle(ctx, { year }) {
    if (ctx.sender.kind !== 'member') throw new UserError('您还没有登记。');
    const { member } = ctx.sender;
    const rules = ctx.services.desk.points;
    const excluded = exclusionReason(member, rules, isoDate(civilToday(ctx.now, ctx.timeZone)));
    if (excluded) throw new UserError(`${member.name}同志，您${excluded}。有疑问请联系支部书记。`);
    const y = year ?? Number(currentYearMonth(ctx.now, ctx.timeZone).slice(0, 4));
    const board = await pointsBoard(
      ctx.services.models,
      {
        communityId: member.communityId,
        branchId: member.branchId ?? null,
      },
      yearMonths(y, ctx.now, ctx.timeZone),
      rules,
      ctx,
    );
    const mine = board.ranked.find((r) => r.memberId === String(member._id));
    if (!mine) throw new UserError('暂时算不出您的积分，请联系支部书记。');
    await ctx.reply(
      [
        `${member.name}同志，您${y}年的积分：${mine.total}分（本支部第${mine.rank}名，共${board.ranked.length}人）`,
        ...mine.categories.map((c) => `· ${describeCategory(c)}`),
        '积分按活动记录、党费台账、学习考勤自动计算，不手工录入；有出入请联系支部书记。',
      ].join('\n'),
    );
  },
});
