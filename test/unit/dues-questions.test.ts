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
    { input: '党费标准 4200 退休', incomeFen: 420000, category: 'retired' },
    { input: '党费标准 6000', incomeFen: 600000, category: null },
    { input: '我退休金四千二 一个月该交多少', incomeFen: 420000, category: 'retired' },
    { input: '我每月工资五千二 党费该交多少', incomeFen: 520000, category: null },
    { input: '养老金3500该交多少', incomeFen: 350000, category: 'retired' },
    { input: '离休费八千', incomeFen: 800000, category: 'retired' },
    { input: '我在厂里上班 一个月到手五千 党费交多少', incomeFen: 500000, category: 'employed' },
    { input: '党费标准 5000.01元', incomeFen: 500001, category: null },
    { input: '我是在校学生党员 每个月党费交多少', incomeFen: null, category: 'student' },
    // 低保 decides, and 没退休金 is not a pension
    { input: '俺没退休金 就靠低保 这党费交多少合适', incomeFen: null, category: 'low_income' },
    { input: '我现在没工作了 党费还用交那么多吗', incomeFen: null, category: 'unemployed' },
    { input: '俺是种地的 党费交多少', incomeFen: null, category: 'farmer' },
    { input: '我这种情况交多少', incomeFen: null, category: null },
    { input: '党费标准', incomeFen: null, category: null },
  ])('$input → $incomeFen $category', ({ input, incomeFen, category }) => {
    expect(parseIncomeQuestion(input)).toEqual({ incomeFen, category });
  });
});
