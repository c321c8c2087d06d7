import type { EChartsCoreOption } from 'echarts/core';

/** What a chart shows, independent of how it is drawn: categories along the bottom, one bar per series. */
export interface ChartData {
  title: string;
  subtitle: string;
  categories: string[];
  /** null: no figure for that category (drawn as a gap, not as 0). */
  series: Array<{ name: string; values: Array<number | null> }>;
  /** '%' draws a 0–100 axis; any other unit (人, 件) is appended to the labels. */
  unit: string;
  /** Series stacked into one bar per category (e.g. complaints by grid, stacked by category). */
  stacked?: boolean;
}

/** A bar chart in large, plain type: most readers are elderly and read it on a phone. */
export function barChart(data: ChartData): EChartsCoreOption {
  const percent = data.unit === '%';
  // Stacked bars are told apart by colour only, so even one series needs its name beside its colour.
  const legend = data.series.length > 1 || data.stacked === true;
  return {
    title: {
      text: data.title,
      subtext: data.subtitle,
      left: 'center',
      textStyle: { fontSize: 22 },
      subtextStyle: { fontSize: 14 },
    },
    legend: legend ? { bottom: 0, textStyle: { fontSize: 14 } } : undefined,
    grid: { top: 105, left: 60, right: 30, bottom: legend ? 70 : 40 },
    xAxis: {
      type: 'category',
      data: data.categories,
      axisLabel: { fontSize: 13, interval: 0, rotate: data.categories.length > 8 ? 30 : 0 },
    },
    yAxis: {
      type: 'value',
      ...(percent ? { min: 0, max: 100 } : { minInterval: 1 }),
      axisLabel: { fontSize: 13, formatter: `{value}${percent ? '%' : ''}` },
    },
    series: data.series.map((s) => ({
      type: 'bar',
      name: s.name,
      data: s.values,
      ...(data.stacked ? { stack: 'all' } : {}),
      label: {
        show: true,
        position: data.stacked ? 'inside' : 'top',
        fontSize: 12,
        // No figure carries no label; 0 is a figure (参学率 0%), except as an empty part of a stack.
        formatter: (p: { value: unknown }) =>
          p.value == null || (data.stacked && p.value === 0) ? '' : `${p.value}${data.unit}`,
      },
    })),
  };
}
