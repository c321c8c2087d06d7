import { describe, expect, it } from 'vitest';
import { parseDuesQuestion, parseIncomeQuestion } from '../../src/domain/dues/index.js';

const ZONE = 'Asia/Shanghai';
const NOW = new Date('2026-11-23T10:00:00+08:00');

describe('parseDuesQuestion', () => {
  it.each([
    { input: '去年十二月的补上了吗', months: ['2025-12'] },
    { input: '我闺女帮我交的三月份党费收到没', months: ['2026-03'] },
    { input: '我这个月党费交了没有', months: ['2026-11'] },
    { input: '上个月的党费交上了吗', months: ['2026-10'] },
    { input: '12月的收到没', months: ['2025-12'] }, // a question is about the past: the most recent December
    { input: '9到11月的都交了吧', months: ['2026-09', '2026-10', '2026-11'] },
    { input: '我的党费交了吗', months: null },
    { input: '帮我查下党费 还欠几个月', months: null },
  ])('$input → $months', ({ input, months }) => {
    expect(parseDuesQuestion(input, NOW, ZONE)).toEqual({ months });
  });
});

describe('parseIncomeQuestion', () => {
  it.each([
    { input: '党费标准 4200 退休', expected: { baseFen: 420000, retired: true } },
    { input: '党费标准 6000', expected: { baseFen: 600000, retired: false } },
    { input: '我退休金四千二 一个月该交多少', expected: { baseFen: 420000, retired: true } },
    { input: '工资六千 党费多少', expected: { baseFen: 600000, retired: false } },
    { input: '养老金3500该交多少', expected: { baseFen: 350000, retired: true } },
    { input: '离休费八千', expected: { baseFen: 800000, retired: true } },
    { input: '我一个月三千五', expected: { baseFen: 350000, retired: false } },
    { input: '党费标准 5000.01元', expected: { baseFen: 500001, retired: false } },
    { input: '我该交多少', expected: null },
    { input: '党费标准', expected: null },
  ])('$input → $expected', ({ input, expected }) => {
    expect(parseIncomeQuestion(input)).toEqual(expected);
  });
});
