import { describe, expect, it } from 'vitest';
import { studyAttendance } from '../../src/commands/study/attendance.js';

const ctx = { now: new Date('2026-11-23T10:00:00+08:00'), timeZone: 'Asia/Shanghai' };
const parse = (text: string) => studyAttendance.parse(text, ctx);

/** 考勤 names its period the way 导出 考勤 does (the shared parsePeriod). */
describe('考勤 periods', () => {
  it.each([
    ['', ['2026-11']],
    ['三季度', ['2026-07', '2026-08', '2026-09']],
    ['上季度', ['2026-07', '2026-08', '2026-09']],
    ['季度', ['2026-10', '2026-11', '2026-12']],
    ['10月', ['2026-10']],
    ['去年四季度', ['2025-10', '2025-11', '2025-12']],
  ])('考勤 %s', (text, months) => {
    expect(parse(text)).toEqual({ ok: true, args: { months, own: false } });
  });

  it.each([
    ['我', ['2026-11'], true],
    ['我 三季度', ['2026-07', '2026-08', '2026-09'], true],
    ['年', Array.from({ length: 11 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`), false],
  ])('考勤 %s, own or not', (text, months, own) => {
    expect(parse(text)).toEqual({ ok: true, args: { months, own } });
    expect(parse(text)).toEqual({ ok: true, args: { months, own } });
  });
});
