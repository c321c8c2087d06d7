import { describe, expect, it } from 'vitest';
import {
  addMonths,
  allocatePayment,
  compareMonths,
  consecutiveUnpaid,
  lateThrough,
  monthsBetween,
} from '../../src/domain/dues/index.js';
import type { YearMonth } from '../../src/domain/text/index.js';

const CURRENT: YearMonth = '2026-11';
const flat = (fen: number) => () => fen;

describe('month arithmetic', () => {
  it.each<[YearMonth, number, YearMonth]>([
    ['2026-11', 0, '2026-11'],
    ['2026-11', 1, '2026-12'],
    ['2026-12', 1, '2027-01'],
    ['2026-01', -1, '2025-12'],
    ['2026-11', -23, '2024-12'],
    ['2026-11', 14, '2028-01'],
  ])('addMonths(%s, %i) → %s', (ym, n, expected) => {
    expect(addMonths(ym, n)).toBe(expected);
  });

  it.each<[YearMonth, YearMonth, number]>([
    ['2026-11', '2026-11', 0],
    ['2026-11', '2026-12', -1],
    ['2027-01', '2026-11', 2],
    ['2025-12', '2026-11', -11],
  ])('compareMonths(%s, %s) → %i', (a, b, expected) => {
    expect(compareMonths(a, b)).toBe(expected);
  });

  it.each<[YearMonth, YearMonth, YearMonth[]]>([
    ['2026-11', '2027-02', ['2026-11', '2026-12', '2027-01', '2027-02']],
    ['2026-11', '2026-11', ['2026-11']],
    ['2026-12', '2026-11', []],
  ])('monthsBetween(%s, %s) → %j', (from, to, expected) => {
    expect(monthsBetween(from, to)).toEqual(expected);
  });

  it('sorts with compareMonths', () => {
    const months: YearMonth[] = ['2026-11', '2025-12', '2026-02'];
    expect(months.sort(compareMonths)).toEqual(['2025-12', '2026-02', '2026-11']);
  });

  it.each(['2026-13', '2026-1', '2026-00', '26-11'])('%s is not a month → RangeError', (ym) => {
    expect(() => addMonths(ym as YearMonth, 1)).toThrow(RangeError);
  });
});

describe('allocatePayment', () => {
  it.each<{
    name: string;
    amountFen: number;
    unpaid?: YearMonth[];
    paidAhead?: YearMonth[];
    maxAdvanceMonths?: number;
    covered: YearMonth[];
    remainderFen: number;
  }>([
    {
      name: 'arrears oldest first, then the current month',
      amountFen: 6300,
      unpaid: ['2026-10', '2026-09'],
      covered: ['2026-09', '2026-10', '2026-11'],
      remainderFen: 0,
    },
    {
      name: 'arrears before anything else',
      amountFen: 2100,
      unpaid: ['2026-10', '2026-09'],
      covered: ['2026-09'],
      remainderFen: 0,
    },
    {
      name: 'a partial month is left over',
      amountFen: 5000,
      unpaid: ['2026-10', '2026-09'],
      covered: ['2026-09', '2026-10'],
      remainderFen: 800,
    },
    {
      name: 'current then ahead when nothing is owed',
      amountFen: 4200,
      covered: ['2026-11', '2026-12'],
      remainderFen: 0,
    },
    {
      name: 'current month listed as unpaid is covered once',
      amountFen: 4200,
      unpaid: ['2026-11'],
      covered: ['2026-11', '2026-12'],
      remainderFen: 0,
    },
    {
      name: 'no more than 6 months ahead',
      amountFen: 21000,
      covered: ['2026-11', '2026-12', '2027-01', '2027-02', '2027-03', '2027-04', '2027-05'],
      remainderFen: 6300,
    },
    {
      name: 'a branch limit of 3 months ahead',
      amountFen: 21000,
      maxAdvanceMonths: 3,
      covered: ['2026-11', '2026-12', '2027-01', '2027-02'],
      remainderFen: 12600,
    },
    {
      name: 'no paying ahead at all',
      amountFen: 4200,
      maxAdvanceMonths: 0,
      covered: ['2026-11'],
      remainderFen: 2100,
    },
    {
      name: 'a month already paid ahead is skipped, not covered twice',
      amountFen: 4200,
      paidAhead: ['2026-12'],
      covered: ['2026-11', '2027-01'],
      remainderFen: 0,
    },
    {
      name: 'the current month already paid',
      amountFen: 2100,
      paidAhead: ['2026-11'],
      covered: ['2026-12'],
      remainderFen: 0,
    },
    {
      name: 'paid-ahead months still count towards the limit',
      amountFen: 21000,
      paidAhead: ['2026-12', '2027-01', '2027-02', '2027-03', '2027-04'],
      covered: ['2026-11', '2027-05'],
      remainderFen: 16800,
    },
    {
      name: 'less than one month covers nothing',
      amountFen: 2000,
      unpaid: ['2026-10'],
      covered: [],
      remainderFen: 2000,
    },
  ])('$name', ({ amountFen, unpaid = [], paidAhead = [], maxAdvanceMonths, covered, remainderFen }) => {
    const result = allocatePayment({
      amountFen,
      monthlyFen: flat(2100),
      unpaid,
      current: CURRENT,
      paidAhead,
      ...(maxAdvanceMonths === undefined ? {} : { maxAdvanceMonths }),
    });
    expect(result).toEqual({ covered: covered.map((month) => ({ month, fen: 2100 })), remainderFen });
  });

  it('charges each month its own rate (the amount is fixed per year)', () => {
    const monthlyFen = (m: YearMonth) => (m.startsWith('2027') ? 2500 : 2100);
    expect(
      allocatePayment({ amountFen: 6700, monthlyFen, unpaid: [], current: CURRENT, paidAhead: [] }),
    ).toEqual({
      covered: [
        { month: '2026-11', fen: 2100 },
        { month: '2026-12', fen: 2100 },
        { month: '2027-01', fen: 2500 },
      ],
      remainderFen: 0,
    });
  });

  it('stops at the first month that does not fit, even if a later one would', () => {
    const monthlyFen = (m: YearMonth) => (m.startsWith('2027') ? 2000 : 3000);
    expect(
      allocatePayment({ amountFen: 5000, monthlyFen, unpaid: [], current: CURRENT, paidAhead: [] }),
    ).toEqual({ covered: [{ month: '2026-11', fen: 3000 }], remainderFen: 2000 });
  });

  it.each([0, -2100, 21.5])('amount %s → RangeError', (amountFen) => {
    expect(() =>
      allocatePayment({ amountFen, monthlyFen: flat(2100), unpaid: [], current: CURRENT, paidAhead: [] }),
    ).toThrow(RangeError);
  });

  it.each([0, -20, 20.5])('monthly dues of %s fen → RangeError', (fen) => {
    expect(() =>
      allocatePayment({
        amountFen: 2100,
        monthlyFen: flat(fen),
        unpaid: [],
        current: CURRENT,
        paidAhead: [],
      }),
    ).toThrow(RangeError);
  });

  it('a negative advance limit → RangeError', () => {
    expect(() =>
      allocatePayment({
        amountFen: 2100,
        monthlyFen: flat(2100),
        unpaid: [],
        current: CURRENT,
        paidAhead: [],
        maxAdvanceMonths: -1,
      }),
    ).toThrow(RangeError);
  });
});

describe('consecutiveUnpaid', () => {
  const charged = monthsBetween('2026-01', '2026-11');

  it.each<{ name: string; charged?: YearMonth[]; covered: YearMonth[]; upTo?: YearMonth; count: number }>([
    { name: 'three unpaid after the last payment', covered: monthsBetween('2026-01', '2026-08'), count: 3 },
    { name: 'six in a row (Art. 9)', covered: monthsBetween('2026-01', '2026-05'), count: 6 },
    { name: 'nothing ever paid', covered: [], count: 11 },
    { name: 'the month itself paid', covered: ['2026-11'], count: 0 },
    { name: 'an older gap does not join the run', covered: ['2026-09'], count: 2 },
    { name: 'counted up to an earlier month', covered: ['2026-05'], upTo: '2026-08', count: 3 },
    {
      name: 'an exempt (uncharged) month ends the run',
      charged: charged.filter((m) => m !== '2026-09'),
      covered: [],
      count: 2,
    },
    { name: 'upTo not charged', charged: monthsBetween('2026-01', '2026-10'), covered: [], count: 0 },
    {
      name: 'paid-ahead months after upTo do not matter',
      covered: ['2026-12', '2027-01'],
      upTo: '2026-11',
      count: 11,
    },
  ])('$name → $count', ({ charged: months = charged, covered, upTo = CURRENT, count }) => {
    expect(consecutiveUnpaid(months, new Set(covered), upTo)).toBe(count);
  });
});

describe('lateThrough', () => {
  it.each<[YearMonth, 'monthly' | 'quarterly', YearMonth]>([
    ['2026-11', 'monthly', '2026-10'],
    ['2027-01', 'monthly', '2026-12'],
    ['2026-10', 'quarterly', '2026-09'],
    ['2026-11', 'quarterly', '2026-09'],
    ['2026-12', 'quarterly', '2026-09'],
    ['2027-01', 'quarterly', '2026-12'],
    ['2027-03', 'quarterly', '2026-12'],
    ['2027-04', 'quarterly', '2027-03'],
  ])('on a day in %s a %s payer is late through %s', (month, schedule, through) => {
    expect(lateThrough(month, schedule)).toBe(through);
  });
});
