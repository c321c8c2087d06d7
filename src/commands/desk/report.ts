import { OFFICERS } from '../../bot/audiences.js';
import { defineCommand, ok } from '../../bot/command.js';
import { monthlyReport } from '../../desk/report.js';
import { deskScopeOf } from '../../desk/scope.js';
import { currentYearMonth, parsePeriod, type YearMonth } from '../../domain/text/index.js';

/** 月报: the month's figures — dues, study days, activities, complaints — in one message. */
export const deskReport = defineCommand<{ months: YearMonth[] }>({
  id: 'desk.report',
  triggers: ['月报', '统计'],
  audience: OFFICERS,
  summary: '本月（或某月）党费、学习、活动、诉求情况汇总（书记、委员）',
  examples: ['月报', '月报 上个月', '统计 10月'],
  parse(rest, { now, timeZone }) {
    return ok({ months: parsePeriod(rest, now, timeZone) ?? [currentYearMonth(now, timeZone)] });
  },
  async handle(ctx, { months }) {
    const { models } = ctx.services;
    const scope = await deskScopeOf(models, ctx.sender);
    await ctx.reply(await monthlyReport({ models, scope, now: ctx.now, timeZone: ctx.timeZone }, months));
  },
});
