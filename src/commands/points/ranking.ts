import type { Types } from 'mongoose';
import { OFFICERS } from '../../bot/audiences.js';
import { defineCommand, ok } from '../../bot/command.js';
import { officerScope } from '../../bot/scope.js';
import { UserError } from '../../bot/user-error.js';
import { pointsBoard } from '../../desk/points/index.js';
import { currentYearMonth, findYear, yearMonths } from '../../domain/text/index.js';
import { shortBreakdown } from './format.js';

const SHOWN = 20;

/** 积分排行 [支部] [年]: officers see their branch; staff and admins the community or a branch they name. */
export const pointsRanking = defineCommand<{ branch: string | null; year: number | null }>({
  id: 'points.ranking',
  triggers: ['积分排行', '积分排名', '积分榜'],
  audience: OFFICERS,
  summary: '积分排行（书记、委员；社区可按支部看）',
  examples: ['积分排行', '积分排行 退休支部', '积分排行 去年'],
  parse(rest, { now, timeZone }) {
    const year = findYear(rest, now, timeZone);
    const branch = (year ? rest.replace(year.matched, '') : rest).trim();
    return ok({ branch: branch || null, year: year?.year ?? null });
  },
  async handle(ctx, { branch, year }) {
    const scope = officerScope(ctx.sender);
    const { models, desk } = ctx.services;
    const { communityId } = scope.filter;
    let filter: { communityId: Types.ObjectId; branchId?: Types.ObjectId | null } = scope.filter;
    let label: string = scope.label;
    if (branch) {
      const found = await models.Branch.findOne({ communityId, name: branch }, { name: 1 }).lean();
      if (!found) throw new UserError(`没有找到「${branch}」。请写支部全名，例如「积分排行 退休支部」。`);
      const branchId = found._id;
      if (scope.filter.branchId !== undefined && String(scope.filter.branchId) !== String(branchId))
        throw new UserError('只能查看本支部的积分排行。');
      filter = { communityId, branchId };
      label = found.name;
    }
    const y = year ?? Number(currentYearMonth(ctx.now, ctx.timeZone).slice(0, 4));
    const board = await pointsBoard(models, filter, yearMonths(y, ctx.now, ctx.timeZone), desk.points, ctx);
    if (board.ranked.length === 0) throw new UserError(`${label}没有参加积分的党员。`);
    const rows = board.ranked
      .slice(0, SHOWN)
      .map((r) => `${r.rank}. ${r.name} ${r.total}分${r.total ? `（${shortBreakdown(r.categories)}）` : ''}`);
    const more = board.ranked.length > SHOWN ? [`（只列出前${SHOWN}名，共${board.ranked.length}人）`] : [];
    const excluded = board.excluded.length
      ? [
          `不参加积分${board.excluded.length}人：${board.excluded.map((e) => `${e.name}（${e.reason}）`).join('、')}`,
        ]
      : [];
    await ctx.reply([`积分排行 · ${y}年（${label}）`, ...rows, ...more, ...excluded].join('\n'));
  },
});
