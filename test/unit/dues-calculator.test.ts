import { describe, expect, it } from 'vitest';
import { formatFenPlain, formatYuan, monthlyDuesFen } from '../../src/domain/dues/index.js';
import type { DuesCategory } from '../../src/domain/member-vocabulary.js';

const E1 = '在职，月收入3000元以下按0.5%';
const E2 = '在职，3000元以上至5000元按1%';
const E3 = '在职，5000元以上至10000元按1.5%';
const E4 = '在职，10000元以上按2%';
const R1 = '退休人员，月收入5000元以下按0.5%';
const R2 = '退休人员，月收入5000元以上按1%';

describe('monthlyDuesFen: salaried brackets (not marginal, upper bound inclusive)', () => {
  it.each([
    { baseFen: 0, fen: 0, rule: E1 },
    { baseFen: 100_000, fen: 500, rule: E1 },
    { baseFen: 100_100, fen: 501, rule: E1 }, // 500.5 rounds half-up
    { baseFen: 100_099, fen: 500, rule: E1 }, // 500.495 rounds down
    { baseFen: 300_000, fen: 1500, rule: E1 },
    { baseFen: 300_001, fen: 3000, rule: E2 }, // 3000.01 → the cliff
    { baseFen: 400_000, fen: 4000, rule: E2 },
    { baseFen: 500_000, fen: 5000, rule: E2 },
    { baseFen: 500_001, fen: 7500, rule: E3 },
    { baseFen: 600_000, fen: 9000, rule: E3 },
    { baseFen: 1_000_000, fen: 15000, rule: E3 },
    { baseFen: 1_000_001, fen: 20000, rule: E4 },
    { baseFen: 2_000_000, fen: 40000, rule: E4 },
    { baseFen: 5_000_000, fen: 100_000, rule: E4 }, // exactly the cap: not capped
    { baseFen: 5_000_050, fen: 100_000, rule: `${E4}，每月以1000元为限` },
    { baseFen: 10_000_000, fen: 100_000, rule: `${E4}，每月以1000元为限` },
  ])('employed $baseFen fen → $fen fen', ({ baseFen, fen, rule }) => {
    expect(monthlyDuesFen({ category: 'employed', baseFen })).toEqual({ fen, rule });
  });

  it.each([
    { baseFen: 300_000, fen: 1500, rule: '按在职标准，月收入3000元以下按0.5%' },
    { baseFen: 600_000, fen: 9000, rule: '按在职标准，5000元以上至10000元按1.5%' },
  ])('other with a declared base $baseFen → $fen', ({ baseFen, fen, rule }) => {
    expect(monthlyDuesFen({ category: 'other', baseFen })).toEqual({ fen, rule });
  });
});

describe('monthlyDuesFen: retired scale', () => {
  it.each([
    { baseFen: 150_000, fen: 750, rule: R1 },
    { baseFen: 420_000, fen: 2100, rule: R1 },
    { baseFen: 500_000, fen: 2500, rule: R1 },
    { baseFen: 500_001, fen: 5000, rule: R2 },
    { baseFen: 800_000, fen: 8000, rule: R2 },
    { baseFen: 10_000_100, fen: 100_000, rule: `${R2}，每月以1000元为限` },
  ])('retired $baseFen fen → $fen fen', ({ baseFen, fen, rule }) => {
    expect(monthlyDuesFen({ category: 'retired', baseFen })).toEqual({ fen, rule });
  });
});

describe('monthlyDuesFen: flat categories', () => {
  it.each<{ category: DuesCategory; baseFen?: number; farmerFen?: number; fen: number; rule: string }>([
    { category: 'student', fen: 20, rule: '学生每月0.2元' },
    { category: 'student', baseFen: 800_000, fen: 20, rule: '学生每月0.2元' },
    { category: 'unemployed', fen: 20, rule: '下岗失业人员每月0.2元' },
    { category: 'low_income', fen: 20, rule: '低保人员每月0.2元' },
    { category: 'farmer', fen: 20, rule: '农民党员每月0.2元' },
    { category: 'farmer', farmerFen: 50, fen: 50, rule: '农民党员每月0.5元' },
    { category: 'farmer', farmerFen: 100, fen: 100, rule: '农民党员每月1元' },
    { category: 'farmer', farmerFen: 25, fen: 25, rule: '农民党员每月0.25元' },
  ])('$category (farmerFen $farmerFen) → $fen fen', ({ fen, rule, ...input }) => {
    expect(monthlyDuesFen(input)).toEqual({ fen, rule });
  });
});

describe('monthlyDuesFen: rounding to jiao', () => {
  it.each<{ category: DuesCategory; baseFen: number; fen: number; jiao: number }>([
    { category: 'employed', baseFen: 101_000, fen: 505, jiao: 510 },
    { category: 'employed', baseFen: 100_100, fen: 501, jiao: 500 },
    { category: 'employed', baseFen: 615_000, fen: 9225, jiao: 9230 },
    { category: 'retired', baseFen: 421_000, fen: 2105, jiao: 2110 },
    { category: 'retired', baseFen: 420_800, fen: 2104, jiao: 2100 },
    { category: 'retired', baseFen: 420_000, fen: 2100, jiao: 2100 },
  ])('$category $baseFen: $fen by fen, $jiao by jiao', ({ category, baseFen, fen, jiao }) => {
    expect(monthlyDuesFen({ category, baseFen }).fen).toBe(fen);
    expect(monthlyDuesFen({ category, baseFen, rounding: 'fen' }).fen).toBe(fen);
    expect(monthlyDuesFen({ category, baseFen, rounding: 'jiao' }).fen).toBe(jiao);
  });

  it('the cap still applies after rounding to jiao', () => {
    expect(monthlyDuesFen({ category: 'employed', baseFen: 5_000_300, rounding: 'jiao' }).fen).toBe(100_000);
  });
});

describe('monthlyDuesFen: refusals', () => {
  it.each([
    { input: { category: 'employed' as const }, message: 'base required' },
    { input: { category: 'other' as const }, message: 'base required' },
    { input: { category: 'retired' as const, baseFen: null }, message: 'base required' },
    { input: { category: 'employed' as const, baseFen: -100 }, message: 'non-negative' },
    { input: { category: 'employed' as const, baseFen: 4200.5 }, message: 'whole' },
    { input: { category: 'farmer' as const, farmerFen: 10 }, message: '20–100' },
    { input: { category: 'farmer' as const, farmerFen: 150 }, message: '20–100' },
    { input: { category: 'farmer' as const, farmerFen: 20.5 }, message: '20–100' },
  ])('$input → RangeError $message', ({ input, message }) => {
    expect(() => monthlyDuesFen(input)).toThrow(RangeError);
    expect(() => monthlyDuesFen(input)).toThrow(message);
  });
});

describe('formatYuan and formatFenPlain', () => {
  it.each([
    { fen: 2100, plain: '21.00', yuan: '21.00元' },
    { fen: 9000, plain: '90.00', yuan: '90.00元' },
    { fen: 20, plain: '0.20', yuan: '0.20元' },
    { fen: 5, plain: '0.05', yuan: '0.05元' },
    { fen: 0, plain: '0.00', yuan: '0.00元' },
    { fen: 123_456, plain: '1234.56', yuan: '1234.56元' },
    { fen: 100_000, plain: '1000.00', yuan: '1000.00元' },
    { fen: -150, plain: '-1.50', yuan: '-1.50元' },
  ])('$fen → $yuan', ({ fen, plain, yuan }) => {
    expect(formatFenPlain(fen)).toBe(plain);
    expect(formatYuan(fen)).toBe(yuan);
  });

  it.each([21.5, Number.NaN, Number.POSITIVE_INFINITY])('%s fen → RangeError', (fen) => {
    expect(() => formatYuan(fen)).toThrow(RangeError);
  });
});
