import { OFFICERS, STREET_DESK } from '../../bot/audiences.js';
import { defineCommand, ok } from '../../bot/command.js';
import { officerScope, type Scope } from '../../bot/scope.js';
import { UserError } from '../../bot/user-error.js';
import { communityAndPeriod, isStreetStaff, streetReply } from '../../desk/street.js';
import { formatYuan } from '../../domain/dues/calculator.js';
import { currentYearMonth, formatPeriod, parsePeriod, type YearMonth } from '../../domain/text/index.js';
import { collectionRate, describeArrears, duesFigures } from '../../dues/branch-figures.js';
import type { Models } from '../../models/index.js';

const monthsOf = (rest: string, now: Date, timeZone: string, fallback: string): YearMonth[] =>
  parsePeriod(rest || fallback, now, timeZone) ?? [currentYearMonth(now, timeZone)];

/** 欠费名单: who owes, with months and amounts, for the asker's branch (or community for staff/admin). */
export const duesArrears = defineCommand<{ months: YearMonth[] }>({
  id: 'dues.arrears',
  triggers: ['欠费名单', '欠交名单'],
  audience: OFFICERS,
  summary: '欠交党费的名单（书记、委员）',
  examples: ['欠费名单', '欠费名单 今年'],
  parse: (rest, { now, timeZone }) => ok({ months: monthsOf(rest, now, timeZone, '今年') }),
  async handle(ctx, { months }) {
    const scope = officerScope(ctx.sender);
    const figures = await duesFigures(ctx.services.models, scope.filter, months);
    const period = formatPeriod(months);
    if (figures.unpaid.length === 0) throw new UserError(`${period}（${scope.label}）没有欠交党费的党员。`);
    const rows = figures.unpaid.map(describeArrears);
    await ctx.reply(
      [`欠费名单 · ${period}（${scope.label}），共${figures.unpaid.length}人：`, ...rows].join('\n'),
    );
  },
});

/** 党费统计: 应缴, 实缴, 收缴率, by branch; street staff get a line per community. */
export const duesStats = defineCommand<{ months: YearMonth[]; community: string | null }>({
  id: 'dues.stats',
  triggers: ['党费统计'],
  audience: STREET_DESK,
  summary: '党费应缴、实缴、收缴率（书记、委员；街道：各社区一行）',
  examples: ['党费统计 本月', '党费统计 三季度', '党费统计 今年'],
  parse(rest, { now, timeZone }) {
    const { community, period } = communityAndPeriod(rest, (t) => parsePeriod(t, now, timeZone));
    return ok({ months: period ?? [currentYearMonth(now, timeZone)], community });
  },
  async handle(ctx, { months, community }) {
    const { models } = ctx.services;
    if (isStreetStaff(ctx.sender)) {
      return streetReply(
        ctx,
        community,
        `党费统计 · ${formatPeriod(months)}（全街道）`,
        async (scope) => {
          const f = await duesFigures(models, scope.filter, months);
          if (f.dueFen === 0) return `${scope.name}：还没有应交党费记录`;
          return `${scope.name}：应缴 ${formatYuan(f.dueFen)}，实缴 ${formatYuan(f.paidFen)}，收缴率 ${collectionRate(f)}，欠交 ${f.unpaid.length}人`;
        },
        (scope) => duesStatsText(models, scope, months),
      );
    }
    await ctx.reply(await duesStatsText(models, officerScope(ctx.sender), months));
  },
});

/** A branch's figures, or a community's with a line per branch. */
async function duesStatsText(models: Models, scope: Scope, months: YearMonth[]): Promise<string> {
  const branchIds = scope.filter.branchId
    ? [scope.filter.branchId]
    : (await models.Branch.find({ communityId: scope.filter.communityId }, { _id: 1 }).lean()).map(
        (b) => b._id,
      );
  const branches = new Map(
    (await models.Branch.find({ _id: { $in: branchIds } }, { name: 1 }).lean()).map((b) => [
      String(b._id),
      b.name,
    ]),
  );
  const total = await duesFigures(models, scope.filter, months);
  if (total.dueFen === 0)
    throw new UserError(`${formatPeriod(months)}（${scope.label}）还没有应交党费记录。`);
  const lines = [
    `党费统计 · ${formatPeriod(months)}（${scope.label}）`,
    `应缴 ${formatYuan(total.dueFen)} · 实缴 ${formatYuan(total.paidFen)} · 收缴率 ${collectionRate(total)} · 欠交 ${total.unpaid.length}人`,
  ];
  if (!scope.filter.branchId) {
    for (const branchId of branchIds) {
      const f = await duesFigures(models, { communityId: scope.filter.communityId, branchId }, months);
      if (f.dueFen > 0)
        lines.push(
          `${branches.get(String(branchId))}：应缴 ${formatYuan(f.dueFen)}，实缴 ${formatYuan(f.paidFen)}，收缴率 ${collectionRate(f)}`,
        );
    }
  }
  return lines.join('\n');
}
