import { describe, expect, it } from 'vitest';
import { formatClock, parseClockTime } from '../../src/domain/text/index.js';

describe('parseClockTime', () => {
  it.each([
    { input: '19:00', minutes: 19 * 60, partOfDay: false },
    { input: '９:３０', minutes: 9 * 60 + 30, partOfDay: false },
    { input: '晚上7点', minutes: 19 * 60, partOfDay: true },
    { input: '晚上七点半', minutes: 19 * 60 + 30, partOfDay: true },
    { input: '下午2点半', minutes: 14 * 60 + 30, partOfDay: true },
    { input: '下午两点一刻', minutes: 14 * 60 + 15, partOfDay: true },
    { input: '上午九点', minutes: 9 * 60, partOfDay: true },
    { input: '两点', minutes: 2 * 60, partOfDay: false },
    { input: '十点二十分', minutes: 10 * 60 + 20, partOfDay: false },
    { input: '每月10日 19:00 党群服务中心', minutes: 19 * 60, partOfDay: false, matched: '19:00' },
  ])('$input → $minutes', ({ input, minutes, partOfDay, matched = input }) => {
    expect(parseClockTime(input)).toEqual({ minutes, partOfDay, matched, index: input.indexOf(matched) });
  });

  it.each(['10日', '25:00', '9:75', '两个小时', '每月第二个周三'])('%s → no time', (input) => {
    expect(parseClockTime(input)).toBeUndefined();
  });

  it('formats minutes as HH:mm', () => {
    expect(formatClock(9 * 60 + 5)).toBe('09:05');
    expect(formatClock(19 * 60)).toBe('19:00');
  });
});
