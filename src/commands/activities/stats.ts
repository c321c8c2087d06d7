import { type Bucket, groupBy, namesOf } from '../../activities/grouping.js';
import { OFFICERS } from '../../bot/audiences.js';
import { defineCommand, ok } from '../../bot/command.js';
import { officerScope } from '../../bot/scope.js';
import { UserError } from '../../bot/user-error.js';
import { ACTIVITY_TYPE_LABELS, type ActivityType } from '../../domain/activity.js';
import { formatPeriod, hours, monthsOrCurrent, type YearMonth } from '../../domain/text/index.js';

const line = (label: string, b: Bucket) => `${label} ${b.count}次/${hours(b.minutes)}`;

export const activityStats = defineCommand<{ months: YearMonth[] }>({
  id: 'activity.stats',
  triggers: ['活动统计'],
  audience: OFFICERS,
  summary: '按支部、党小组、类型和党员统计活动（书记、委员）',
  examples: ['活动统计 本月', '活动统计 11月'],
  parse(rest, { now, timeZone }) {
    return ok({ months: monthsOrCurrent(rest, now, timeZone) });
  },
  async handle(ctx, { months }) {
    const scope = officerScope(ctx.sender);
    const { models } = ctx.services;
    const match = { ...scope.filter, month: { $in: months }, undoneAt: null };
    const [byBranch, byGroup, byType, byMember] = await Promise.all([
      groupBy(models, match, 'branchId'),
      groupBy(models, match, 'partyGroupId'),
      groupBy(models, match, 'type'),
      groupBy(models, match, 'memberId'),
    ]);
    const period = formatPeriod(months);
    if (byType.length === 0) throw new UserError(`${period}（${scope.label}）还没有活动记录。`);
    const [branches, groups, members] = await Promise.all([
      namesOf(
        models.Branch,
        byBranch.map((b) => b._id),
      ),
      namesOf(
        models.PartyGroup,
        byGroup.map((b) => b._id),
      ),
      namesOf(
        models.Member,
        byMember.map((b) => b._id),
      ),
    ]);
    const total = byType.reduce(
      (acc, b) => ({ count: acc.count + b.count, minutes: acc.minutes + b.minutes }),
      {
        count: 0,
        minutes: 0,
      },
    );
    const name = (map: Map<string, string>, id: unknown, fallback: string) => map.get(String(id)) ?? fallback;
    await ctx.reply(
      [
        `活动统计 · ${period}（${scope.label}）`,
        `共${total.count}次，合计${hours(total.minutes)}，${byMember.length}人参与`,
        `按支部：${byBranch.map((b) => line(name(branches, b._id, '未分支部'), b)).join('；')}`,
        `按党小组：${byGroup.map((b) => line(name(groups, b._id, '未分小组'), b)).join('；')}`,
        `按类型：${byType.map((b) => line(ACTIVITY_TYPE_LABELS[b._id as ActivityType] ?? String(b._id), b)).join('；')}`,
        `按党员（前10）：${byMember
          .slice(0, 10)
          .map((b) => line(name(members, b._id, '已离开'), b))
          .join('；')}`,
      ].join('\n'),
    );
  },
});

export const volunteerRanking = defineCommand<{ months: YearMonth[] }>({
  id: 'activity.ranking',
  triggers: ['志愿时长排行', '志愿排行'],
  audience: OFFICERS,
  summary: '志愿服务时长排行（书记、委员）',
  examples: ['志愿时长排行 今年'],
  parse(rest, { now, timeZone }) {
    return ok({ months: monthsOrCurrent(rest || '今年', now, timeZone) });
  },
  async handle(ctx, { months }) {
    const scope = officerScope(ctx.sender);
    const { models } = ctx.services;
    const top = await groupBy(
      models,
      { ...scope.filter, month: { $in: months }, undoneAt: null, type: 'volunteer' },
      'memberId',
      10,
    );
    const period = formatPeriod(months);
    if (top.length === 0) throw new UserError(`${period}（${scope.label}）还没有志愿服务记录。`);
    const names = await namesOf(
      models.Member,
      top.map((b) => b._id),
    );
    const rows = top.map(
      (b, i) => `${i + 1}. ${names.get(String(b._id)) ?? '已离开'} ${hours(b.minutes)}（${b.count}次）`,
    );
    await ctx.reply([`志愿服务时长排行 · ${period}（${scope.label}）`, ...rows].join('\n'));
  },
});
