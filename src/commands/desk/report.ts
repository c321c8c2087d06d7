import { STREET_DESK } from '../../bot/audiences.js';
import { defineCommand, ok } from '../../bot/command.js';
import { headlines, monthlyReport } from '../../desk/report.js';
import { type DeskScope, deskScopeOf } from '../../desk/scope.js';
import { communityAndPeriod, isStreetStaff, streetReply } from '../../desk/street.js';
import { currentYearMonth, formatPeriod, parsePeriod, type YearMonth } from '../../domain/text/index.js';

/** 月报: the month's figures — dues, study days, activities, complaints — in one message. */
export const deskReport = defineCommand<{ months: YearMonth[]; community: string | null }>({
  id: 'desk.report',
  triggers: ['月报', '统计'],
  audience: STREET_DESK,
  summary: '本月（或某月）党费、学习、活动、诉求情况汇总（书记、委员；街道：各社区一行）',
  examples: ['月报', '月报 上个月', '统计 10月'],
  parse(rest, { now, timeZone }) {
    const { community, period } = communityAndPeriod(rest, (t) => parsePeriod(t, now, timeZone));
    return ok({ months: period ?? [currentYearMonth(now, timeZone)], community });
  },
  async handle(ctx, { months, community }) {
    const { models } = ctx.services;
    const query = (scope: DeskScope) => ({ models, scope, now: ctx.now, timeZone: ctx.timeZone });
    if (isStreetStaff(ctx.sender)) {
      return streetReply(
        ctx,
        community,
        `月报 · ${formatPeriod(months)}（全街道）`,
        (scope) => headlines(query(scope), months, 'compute'),
        (scope) => monthlyReport(query(scope), months),
      );
    }
    await ctx.reply(await monthlyReport(query(await deskScopeOf(models, ctx.sender)), months));
  },
});
