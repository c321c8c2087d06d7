import { describe, expect, it } from 'vitest';
import { lastClosedPeriod, periodClosedBy, periodKey } from '../../src/domain/disclosure-period.js';
import type { YearMonth } from '../../src/domain/text/index.js';
import { findYear, parsePeriod, parseYear, yearMonths } from '../../src/domain/text/index.js';

const ZONE = 'Asia/Shanghai';
const NOW = new Date('2026-11-23T10:00:00+08:00');

describe('parsePeriod at 2026-11-23', () => {
  it.each([
    ['三季度', ['2026-07', '2026-08', '2026-09']],
    ['第三季度', ['2026-07', '2026-08', '2026-09']],
    ['4季度', ['2026-10', '2026-11', '2026-12']],
    ['去年四季度', ['2025-10', '2025-11', '2025-12']],
    ['2025年第一季度', ['2025-01', '2025-02', '2025-03']],
    ['2025', Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}`)],
    ['2026年', Array.from({ length: 11 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`)],
    ['9-10月', ['2026-09', '2026-10']],
    ['上个月', ['2026-10']],
    ['本季度', ['2026-10', '2026-11', '2026-12']],
    ['季度', ['2026-10', '2026-11', '2026-12']],
    ['这个季度', ['2026-10', '2026-11', '2026-12']],
    ['上季度', ['2026-07', '2026-08', '2026-09']],
    ['上个季度', ['2026-07', '2026-08', '2026-09']],
    ['年', Array.from({ length: 11 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`)],
    ['全年', Array.from({ length: 11 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`)],
  ])('%s → %j', (text, months) => {
    expect(parsePeriod(text, NOW, ZONE)).toEqual(months);
  });

  it('goes back across the new year for 上季度 in the first quarter', () => {
    expect(parsePeriod('上季度', new Date('2027-02-01T10:00:00+08:00'), ZONE)).toEqual([
      '2026-10',
      '2026-11',
      '2026-12',
    ]);
  });

  it('is undefined when no period is named', () => {
    expect(parsePeriod('', NOW, ZONE)).toBeUndefined();
    expect(parsePeriod('随便看看', NOW, ZONE)).toBeUndefined();
  });
});

describe('parseYear, findYear and yearMonths', () => {
  it('reads a year written alone, and nothing else', () => {
    expect(parseYear('2026', NOW, ZONE)).toBe(2026);
    expect(parseYear(' 2025年 ', NOW, ZONE)).toBe(2025);
    expect(parseYear('去年', NOW, ZONE)).toBe(2025);
    expect(parseYear('2026年3月', NOW, ZONE)).toBeUndefined();
    expect(parseYear('明细', NOW, ZONE)).toBeUndefined();
  });

  it('finds a year inside other words, with the text that named it', () => {
    expect(findYear('退休支部 2025年', NOW, ZONE)).toEqual({ year: 2025, matched: '2025年' });
    expect(findYear('我去年的积分', NOW, ZONE)).toEqual({ year: 2025, matched: '去年' });
    expect(findYear('2026年3月', NOW, ZONE)).toBeUndefined();
    expect(findYear('去年上半年', NOW, ZONE)).toBeUndefined();
    expect(findYear('去年四季度', NOW, ZONE)).toBeUndefined();
    expect(findYear('我的积分', NOW, ZONE)).toBeUndefined();
  });

  it('runs the current year to the current month only', () => {
    expect(yearMonths(2026, NOW, ZONE)).toHaveLength(11);
    expect(yearMonths(2025, NOW, ZONE).at(-1)).toBe('2025-12');
  });
});

describe('党务公开 periods', () => {
  it.each([
    // every 2 months: Jan–Feb, Mar–Apr, …
    ['2026-03', 2, ['2026-01', '2026-02']],
    ['2026-04', 2, ['2026-01', '2026-02']],
    ['2026-01', 2, ['2025-11', '2025-12']],
    ['2026-11', 3, ['2026-07', '2026-08', '2026-09']],
    ['2026-05', 12, Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}`)],
  ])('the last period closed by %s, every %i months, is %j', (month, every, months) => {
    expect(lastClosedPeriod(month as YearMonth, every)).toEqual(months);
  });

  it('publishes only in the month that opens a period', () => {
    expect(periodClosedBy('2026-03', 2)).toEqual(['2026-01', '2026-02']);
    expect(periodClosedBy('2026-04', 2)).toBeNull();
    expect(periodClosedBy('2026-10', 3)).toEqual(['2026-07', '2026-08', '2026-09']);
    expect(periodClosedBy('2026-11', 3)).toBeNull();
    expect(periodClosedBy('2026-07', 1)).toEqual(['2026-06']);
  });

  it('keys a period by its first and last month', () => {
    expect(periodKey(['2026-01', '2026-02'])).toBe('2026-01~2026-02');
  });
});
