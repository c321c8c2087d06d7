import { OVERSEERS } from '../../bot/audiences.js';
import { defineCommand, invalid, ok } from '../../bot/command.js';
import type { BotServices } from '../../bot/context.js';
import { officerScope, type Scope } from '../../bot/scope.js';
import { UserError } from '../../bot/user-error.js';
import { complaintFigures } from '../../complaints/figures.js';
import { slaOf } from '../../complaints/timers.js';
import { communityAndPeriod, isStreetStaff, streetReply } from '../../desk/street.js';
import { describeRates } from '../../domain/complaints/rates.js';
import { acceptLimitMs, formatLimit, type SlaSettings } from '../../domain/complaints/sla.js';
import { currentYearMonth, formatPeriod, parseMonths, type YearMonth } from '../../domain/text/index.js';

const explanation = (sla: SlaSettings) =>
  `说明：响应率＝时限内（${formatLimit(acceptLimitMs(sla, 'ordinary'))}，紧急${formatLimit(acceptLimitMs(sla, 'urgent'))}）首次答复÷应答复；办结率＝已办结÷（收到−不予受理）；满意率＝（满意＋基本满意）÷已评价。重复反映并入原件，不另计。`;

/** 诉求统计 [月份]: the month's complaints by grid, category and status, with the 三率; street staff: per community. */
export const complaintStats = defineCommand<{ month: YearMonth; community: string | null }>({
  id: 'complaint.stats',
  triggers: ['诉求统计', '投诉统计'],
  audience: [...OVERSEERS, 'street'],
  summary: '居民诉求的月度统计：按网格、类别、状态，响应率、办结率、满意率（街道：各社区一行）',
  examples: ['诉求统计', '诉求统计 11月'],
  parse(rest, { now, timeZone }) {
    const { community, period } = communityAndPeriod(rest, (t) => parseMonths(t, now, timeZone)?.months);
    const months = period ?? [currentYearMonth(now, timeZone)];
    if (months.length !== 1) return invalid('诉求统计按月查看，请写一个月份，例如「诉求统计 11月」。');
    return ok({ month: months[0]!, community });
  },
  async handle(ctx, { month, community }) {
    const period = formatPeriod([month]);
    if (isStreetStaff(ctx.sender)) {
      return streetReply(
        ctx,
        community,
        `诉求统计 · ${period}（全街道）`,
        async (scope) => {
          const f = await complaintFigures(ctx.services.models, scope.filter, [month], ctx.now);
          return `${scope.name}：${f.received === 0 ? '没有收到居民诉求' : `收到${f.received}件，${describeRates(f)}`}`;
        },
        (scope, c) => statsText(ctx.services, scope, month, ctx.now, slaOf(c)),
      );
    }
    await ctx.reply(
      await statsText(ctx.services, officerScope(ctx.sender), month, ctx.now, slaOf(ctx.sender.community)),
    );
  },
});

async function statsText(services: BotServices, scope: Scope, month: YearMonth, now: Date, sla: SlaSettings) {
  const f = await complaintFigures(services.models, scope.filter, [month], now);
  const period = formatPeriod([month]);
  if (f.byStatus.length === 0) throw new UserError(`${period}（${scope.label}）没有收到居民诉求。`);
  return [
    `诉求统计 · ${period}（${scope.label}）`,
    `收到${f.received}件：${describeRates(f)}`,
    `按网格：${f.byGrid.map((g) => `${g.name} ${g.received}件，${describeRates(g)}`).join('；') || '无'}`,
    `按类别：${f.byCategory.map((c) => `${c.label}${c.received}`).join('；') || '无'}`,
    `按状态：${f.byStatus.map((s) => `${s.label}${s.count}`).join('；')}`,
    explanation(sla),
  ].join('\n');
}
