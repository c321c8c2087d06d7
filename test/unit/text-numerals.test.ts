import { describe, expect, it } from 'vitest';
import { findNumbers, parseChineseNumber } from '../../src/domain/text/index.js';

describe('parseChineseNumber', () => {
  it.each([
    { input: '零', expected: 0 },
    { input: '一', expected: 1 },
    { input: '两', expected: 2 },
    { input: '俩', expected: 2 },
    { input: '仨', expected: 3 },
    { input: '十', expected: 10 },
    { input: '十二', expected: 12 },
    { input: '二十', expected: 20 },
    { input: '二十五', expected: 25 },
    { input: '三十一', expected: 31 },
    { input: '一百', expected: 100 },
    { input: '一百二', expected: 120 },
    { input: '一百二十', expected: 120 },
    { input: '一百零五', expected: 105 },
    { input: '一百十', expected: 110 },
    { input: '一千五', expected: 1500 },
    { input: '一千零五十', expected: 1050 },
    { input: '四千二', expected: 4200 },
    { input: '两千三百四十五', expected: 2345 },
    { input: '两万三', expected: 23000 },
    { input: '一万二千', expected: 12000 },
    { input: '十万', expected: 100000 },
    { input: '零五', expected: 5 },
    { input: '二零二六', expected: 2026 },
    { input: '二〇二五', expected: 2025 },
    { input: '3', expected: 3 },
    { input: '1.5', expected: 1.5 },
    { input: '1,000', expected: 1000 },
    { input: '１２', expected: 12 },
    { input: '4千2', expected: 4200 },
    { input: '20万', expected: 200000 },
    { input: '1万5', expected: 15000 },
  ])('$input → $expected', ({ input, expected }) => {
    expect(parseChineseNumber(input)).toBe(expected);
  });

  it.each(['', '半', '百', '万', '一二', '两三', '五零', '十百', '一百千', '1.5万', 'abc', '我不知道'])(
    '%s → undefined',
    (input) => {
      expect(parseChineseNumber(input)).toBeUndefined();
    },
  );
});

describe('findNumbers', () => {
  it.each([
    {
      input: '我退休金四千二一个月该交多少',
      expected: [
        { value: 4200, matched: '四千二', index: 4 },
        { value: 1, matched: '一', index: 7 },
      ],
    },
    {
      input: '交了１，０００ 还差3.5',
      expected: [
        { value: 1000, matched: '１，０００', index: 2 },
        { value: 3.5, matched: '3.5', index: 10 },
      ],
    },
    { input: '老百姓', expected: [] },
  ])('$input', ({ input, expected }) => {
    expect(findNumbers(input)).toEqual(expected);
  });
});
