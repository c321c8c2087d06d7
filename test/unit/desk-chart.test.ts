import { describe, expect, it } from 'vitest';
import { barChart, type ChartData } from '../../src/desk/charts/bar.js';
import { renderPng } from '../../src/desk/charts/render.js';
import { inspectPng } from '../support/png.js';

const rate: ChartData = {
  title: '党费收缴率（退休支部）',
  subtitle: '近12个月',
  categories: ['2025年12月', '2026年1月', '2月', '3月'],
  series: [{ name: '收缴率', values: [null, 80, 100, 66.7] }],
  unit: '%',
};

describe('charts rendered on the server', () => {
  it('draws a bar chart to a PNG twice the layout size, with ink on it', () => {
    const png = renderPng(barChart(rate));
    expect(png.subarray(0, 8)).toEqual(Buffer.from('89504e470d0a1a0a', 'hex'));
    const found = inspectPng(png);
    expect(found).toMatchObject({ width: 1600, height: 900 });
    expect(found.colours).toBeGreaterThan(50); // bars, antialiased text, grid lines
    expect(found.inked).toBeGreaterThan(0.05);
    expect(found.inked).toBeLessThan(0.9); // a white background, not a solid block
  });

  it('draws stacked series (complaints by grid and category) in a few lines of data', () => {
    const png = renderPng(
      barChart({
        title: '诉求（按网格）',
        subtitle: '2026年11月',
        categories: ['G01', 'G02', 'G03'],
        series: [
          { name: '环境卫生', values: [3, 1, 2] },
          { name: '物业', values: [1, 4, 0] },
        ],
        unit: '件',
        stacked: true,
      }),
      { width: 600, height: 400 },
    );
    expect(inspectPng(png)).toMatchObject({ width: 1200, height: 800 });
  });

  it('asks for a 0–100 axis for rates and whole numbers for counts', () => {
    expect(barChart(rate).yAxis).toMatchObject({ min: 0, max: 100 });
    expect(barChart({ ...rate, unit: '人' }).yAxis).toMatchObject({ minInterval: 1 });
  });

  it('labels 0 as a figure, and leaves gaps (null) and empty parts of a stack unlabelled', () => {
    const label = (data: ChartData, value: number | null) => {
      const [series] = barChart(data).series as Array<{
        label: { formatter: (p: { value: unknown }) => string };
      }>;
      return series!.label.formatter({ value });
    };
    expect(label(rate, 0)).toBe('0%');
    expect(label(rate, 75)).toBe('75%');
    expect(label(rate, null)).toBe('');
    expect(label({ ...rate, stacked: true, unit: '件' }, 0)).toBe('');
  });
});
