import { complaintFigures } from '../../complaints/figures.js';
import { OPEN_STATES } from '../../domain/complaints/lifecycle.js';
import { describeRates, formatRate } from '../../domain/complaints/rates.js';
import type { YearMonth } from '../../domain/text/index.js';
import type { DeskQuery } from '../scope.js';
import type { DeskSection } from './types.js';

const TOP_GRIDS = 5;
const TOP_CATEGORIES = 3;

/**
 * Complaints belong to grids, not branches: a branch's figures are those of the grids its members lead and the
 * complaints they handle (complaintFilter), which the lines say so nobody reads them as the branch's own.
 */
const branchNote = (query: DeskQuery) =>
  query.scope.filter.branchId === undefined ? [] : ['（按本支部党员负责的网格和承办的诉求统计）'];

const figuresOf = ({ models, scope, now }: DeskQuery, months: YearMonth[]) =>
  complaintFigures(models, scope.filter, months, now);

/** 群众诉求: received, resolved, still open, and the three rates, with the busiest grids and categories. */
export const complaintSection: DeskSection = {
  title: '群众诉求',
  async compute(query, months) {
    const f = await figuresOf(query, months);
    if (f.received === 0) return ['没有收到居民诉求。', ...branchNote(query)];
    const open = f.byStatus.filter((s) => OPEN_STATES.includes(s.state)).reduce((n, s) => n + s.count, 0);
    return [
      `收到${f.received}件，已办结${f.resolved}件，在办${open}件`,
      describeRates(f),
      `按网格：${f.byGrid
        .slice(0, TOP_GRIDS)
        .map((g) => `${g.name} ${g.received}件`)
        .join('；')}`,
      `主要类别：${f.byCategory
        .slice(0, TOP_CATEGORIES)
        .map((c) => `${c.label}${c.received}件`)
        .join('；')}`,
      ...branchNote(query),
    ];
  },
  async disclose(query, months) {
    const f = await figuresOf(query, months);
    const whose = query.scope.filter.branchId === undefined ? '' : '本支部党员负责的';
    if (f.received === 0) return [`本期没有收到${whose}居民诉求。`];
    return [
      `收到${whose}居民诉求${f.received}件，已办结${f.resolved}件；响应率${formatRate(f.responseRate)}，办结率${formatRate(f.resolutionRate)}，满意率${formatRate(f.satisfactionRate)}。`,
    ];
  },
};
