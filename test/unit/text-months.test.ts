import { describe, expect, it } from 'vitest';
import {
  currentYearMonth,
  monthSpans,
  monthsOrCurrent,
  parseMonths,
  type YearMonth,
} from '../../src/domain/text/index.js';

const ZONE = 'Asia/Shanghai';
const NOW = new Date('2026-11-23T10:00:00+08:00');
const H1_2026 = ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06'];

describe('parseMonths at 2026-11-23 (Shanghai)', () => {
  it.each([
    { input: '11月', months: ['2026-11'] },
    { input: '１１月', months: ['2026-11'] },
    { input: '12月', months: ['2025-12'] },
    { input: '三月份', months: ['2026-03'] },
    { input: '上个月', months: ['2026-10'] },
    { input: '上月', months: ['2026-10'] },
    { input: '上上个月', months: ['2026-09'] },
    { input: '这个月', months: ['2026-11'] },
    { input: '本月', months: ['2026-11'] },
    { input: '下个月', months: ['2026-12'] },
    { input: '1-3月', months: ['2026-01', '2026-02', '2026-03'] },
    { input: '1到3月', months: ['2026-01', '2026-02', '2026-03'] },
    { input: '一至三月', months: ['2026-01', '2026-02', '2026-03'] },
    { input: '1月到3月', months: ['2026-01', '2026-02', '2026-03'] },
    { input: '十月到十二月', months: ['2026-10', '2026-11', '2026-12'] },
    { input: '今年上半年', months: H1_2026 },
    { input: '上半年', months: H1_2026 },
    { input: '今年下半年', months: ['2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12'] },
    { input: '去年上半年', months: H1_2026.map((m) => m.replace('2026', '2025')) },
    { input: '去年十二月', months: ['2025-12'] },
    { input: '2026年3月', months: ['2026-03'] },
    { input: '２０２６年３月', months: ['2026-03'] },
    { input: '二〇二五年十二月', months: ['2025-12'] },
    { input: '今年', months: [...H1_2026, '2026-07', '2026-08', '2026-09', '2026-10', '2026-11'] },
    { input: '去年', months: Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}`) },
  ])('$input → $months', ({ input, months }) => {
    expect(parseMonths(input, NOW, ZONE)).toEqual({ months, matched: input, index: 0 });
  });

  it.each([
    { input: '我这个月党费交了没有', months: ['2026-11'], matched: '这个月' },
    { input: '我闺女帮我交的三月份党费 收到没', months: ['2026-03'], matched: '三月份' },
    { input: '今年上半年的党费想一次交了 行不行', months: H1_2026, matched: '今年上半年' },
    { input: '去年十二月的补上了吗', months: ['2025-12'], matched: '去年十二月' },
    // months listed one after another
    { input: '九月十月的都补上了', months: ['2026-09', '2026-10'], matched: '九月十月' },
    { input: '8月、9月和10月的收到没', months: ['2026-08', '2026-09', '2026-10'], matched: '8月、9月和10月' },
    { input: '本月主题党日参加了 在二楼会议室', months: ['2026-11'], matched: '本月' },
    { input: '这个月学习日几号', months: ['2026-11'], matched: '这个月' },
    { input: '我在深圳上班回不去 这个月主题党日线上参加行不行', months: ['2026-11'], matched: '这个月' },
  ])('domain §7: $input', ({ input, months, matched }) => {
    expect(parseMonths(input, NOW, ZONE)).toEqual({ months, matched, index: input.indexOf(matched) });
  });

  it.each([
    '我不知道',
    '13月',
    '十三月',
    '5到3月',
    '13月 哦不 上个月',
    '帮我查下党费 还欠几个月',
    '我退休金四千二 一个月该交多少',
    '11月20号',
    '今年3月5号',
  ])('%s → undefined', (input) => {
    expect(parseMonths(input, NOW, ZONE)).toBeUndefined();
  });

  it('12月 in early January is last December', () => {
    expect(parseMonths('12月', new Date('2026-01-05T10:00:00+08:00'), ZONE)?.months).toEqual(['2025-12']);
  });
});

describe('parseMonths for plans (prefer the future)', () => {
  it.each([
    { input: '12月', months: ['2026-12'] },
    { input: '11月', months: ['2026-11'] },
    { input: '三月份', months: ['2027-03'] },
    { input: '2026年3月', months: ['2026-03'] },
    { input: '下个月', months: ['2026-12'] },
  ])('$input → $months', ({ input, months }) => {
    expect(parseMonths(input, NOW, ZONE, { prefer: 'future' })?.months).toEqual(months);
  });
});

describe('currentYearMonth', () => {
  it.each([
    { now: '2026-11-23T10:00:00+08:00', zone: ZONE, expected: '2026-11' },
    { now: '2026-11-30T16:30:00Z', zone: ZONE, expected: '2026-12' },
    { now: '2026-11-30T16:30:00Z', zone: 'UTC', expected: '2026-11' },
    { now: '2026-12-31T16:00:00Z', zone: ZONE, expected: '2027-01' },
  ])('$now in $zone → $expected', ({ now, zone, expected }) => {
    expect(currentYearMonth(new Date(now), zone)).toBe(expected);
  });
});

describe('monthsOrCurrent at 2026-11-23 (Shanghai)', () => {
  it.each([
    { input: '上个月', months: ['2026-10'] },
    { input: '1-3月', months: ['2026-01', '2026-02', '2026-03'] },
    { input: '', months: ['2026-11'] },
    { input: '看看我的', months: ['2026-11'] },
  ])('「$input」 → $months', ({ input, months }) => {
    expect(monthsOrCurrent(input, NOW, ZONE)).toEqual(months);
  });
});

describe('monthSpans: months as people write them', () => {
  it('writes runs as ranges and the rest one by one, with years only across years', () => {
    const months = [
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
      '2026-11',
      '2026-12',
    ] as YearMonth[];
    expect(monthSpans(months)).toBe('6–12月');
    expect(monthSpans(['2026-03', '2026-05', '2026-06'] as YearMonth[])).toBe('3月、5月、6月');
    expect(monthSpans(['2025-11', '2025-12', '2026-01', '2026-02'] as YearMonth[])).toBe(
      '2025年11月–2026年2月',
    );
  });
});
