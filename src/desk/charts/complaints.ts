import { complaintFigures } from '../../complaints/figures.js';
import type { Category } from '../../domain/complaints/categories.js';
import { formatRate } from '../../domain/complaints/rates.js';
import { formatPeriod, recentMonths } from '../../domain/text/index.js';
import type { ChartSpec } from './types.js';

const MONTHS = 3;
/** Categories drawn on their own; the rest share one colour, so the legend stays short enough to read. */
const SHOWN = 5;
const REST = '其余类别';

/** Complaints received in the last 3 months (this one included), one bar per grid, stacked by category. */
export const complaintsChart: ChartSpec = {
  id: 'complaints',
  names: ['诉求', '网格诉求'],
  summary: '近3个月各网格诉求件数，按类别分色',
  async load({ models, scope, now, timeZone }) {
    const months = recentMonths(now, timeZone, MONTHS);
    const f = await complaintFigures(models, scope.filter, months, now);
    if (f.received === 0) return null;
    const shown = f.byCategory.slice(0, SHOWN);
    const others = f.byCategory.slice(SHOWN).map((c) => c.category);
    const count = (grid: (typeof f.byGrid)[number], categories: readonly Category[]) =>
      categories.reduce((n, c) => n + (grid.categories[c] ?? 0), 0);
    const series = shown.map((c) => ({
      name: c.label,
      values: f.byGrid.map((g) => count(g, [c.category])),
    }));
    if (others.length > 0) series.push({ name: REST, values: f.byGrid.map((g) => count(g, others)) });
    const period = formatPeriod(months);
    const grids = f.byGrid.slice(0, 3).map((g) => `${g.name} ${g.received}件`);
    return {
      data: {
        title: `各网格居民诉求（${scope.name}）`,
        subtitle: `${period} · 收到${f.received}件 · 办结率${formatRate(f.resolutionRate)} · 满意率${formatRate(f.satisfactionRate)}`,
        categories: f.byGrid.map((g) => g.name),
        series,
        unit: '件',
        stacked: true,
      },
      caption: `居民诉求 · ${period}（${scope.label}）：收到${f.received}件；${grids.join('，')}${f.byGrid.length > 3 ? '等' : ''}；类别最多的是${shown
        .slice(0, 3)
        .map((c) => `${c.label}${c.received}件`)
        .join('、')}。图见下。`,
    };
  },
};
