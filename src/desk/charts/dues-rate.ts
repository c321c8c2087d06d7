import { formatYuan } from '../../domain/dues/calculator.js';
import {
  currentYearMonth,
  monthLabel,
  recentMonths,
  type YearMonth,
  yearMonthLabel,
} from '../../domain/text/index.js';
import { collectionRate, duesFigures } from '../../dues/branch-figures.js';
import type { ChartSpec } from './types.js';

const MONTHS = 12;

/** 1月 … 12月, with the year on the first bar and on each January. */
const barLabel = (m: YearMonth, i: number) =>
  i === 0 || m.endsWith('-01') ? yearMonthLabel(m) : monthLabel(m);

/** 党费收缴率, month by month over the last 12 months (this one included). */
export const duesRateChart: ChartSpec = {
  id: 'dues-rate',
  names: ['党费', '收缴率'],
  summary: '近12个月党费收缴率',
  async load({ models, scope, now, timeZone }) {
    const current = currentYearMonth(now, timeZone);
    const months = recentMonths(now, timeZone, MONTHS);
    const f = await duesFigures(models, scope.filter, months);
    if (f.dueFen === 0) return null;
    const values = months.map((m) => {
      const month = f.byMonth.get(m);
      return month ? Math.round((month.paidFen / month.dueFen) * 1000) / 10 : null;
    });
    const thisMonth = f.byMonth.get(current);
    return {
      data: {
        title: `党费收缴率（${scope.name}）`,
        subtitle: `近12个月 · 应缴 ${formatYuan(f.dueFen)} · 实缴 ${formatYuan(f.paidFen)}`,
        categories: months.map(barLabel),
        series: [{ name: '收缴率', values }],
        unit: '%',
      },
      caption: `党费收缴率 · 近12个月（${scope.label}）：合计收缴率 ${collectionRate(f)}${thisMonth ? `，本月 ${collectionRate(thisMonth)}` : ''}。图见下。`,
    };
  },
};
