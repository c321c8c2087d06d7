import { describe, expect, it } from 'vitest';
import { duesOnTime } from '../../src/desk/points/dues.js';
import type { YearMonth } from '../../src/domain/text/index.js';
import type { DuesMonth } from '../../src/dues/month-rows.js';

const ZONE = 'Asia/Shanghai';
const MONTHS: YearMonth[] = ['2026-07', '2026-08', '2026-09', '2026-10'];

const paid = (memberId: string, month: string, at: string): DuesMonth => ({
  memberId,
  month: month as YearMonth,
  dueFen: 2100,
  payment: {
    receiptNo: `R-${memberId}-${month}`,
    fen: 2100,
    paidAt: new Date(at),
    method: 'wechat',
    payer: null,
    collectorMemberId: 'x',
  },
  waiverRef: null,
  reversed: [],
});
const months = (result: Array<{ memberId: string; month: string }>, memberId: string) =>
  result.filter((r) => r.memberId === memberId).map((r) => r.month);

describe('the dues point', () => {
  it('counts a month paid by its end for monthly payers, and by the quarter’s end for approved quarterly ones', () => {
    const rows = ['a', 'q'].flatMap((id) => [
      paid(id, '2026-07', '2026-09-30T20:00:00+08:00'),
      paid(id, '2026-08', '2026-09-30T20:00:00+08:00'),
      paid(id, '2026-09', '2026-09-30T20:00:00+08:00'),
      paid(id, '2026-10', '2026-11-01T09:00:00+08:00'),
    ]);
    const result = duesOnTime(
      rows,
      [
        { memberId: 'a', duesSchedule: 'monthly', exemptUntil: null },
        { memberId: 'q', duesSchedule: 'quarterly', exemptUntil: null },
      ],
      MONTHS,
      '2026-11',
      ZONE,
    );
    expect(months(result, 'a')).toEqual(['2026-09']);
    expect(months(result, 'q')).toEqual(['2026-07', '2026-08', '2026-09', '2026-10']);
  });

  it('credits months with nothing to pay (免交, 少交 to nothing) up to the current month', () => {
    const waived: DuesMonth = {
      ...paid('w', '2026-08', '2026-08-01'),
      dueFen: null,
      payment: null,
      waiverRef: '党委〔2026〕3号',
    };
    const result = duesOnTime(
      [waived],
      [
        { memberId: 'e', duesSchedule: 'monthly', exemptUntil: '2026-12' },
        { memberId: 'w', duesSchedule: 'monthly', exemptUntil: null },
      ],
      [...MONTHS, '2026-11', '2026-12'],
      '2026-11',
      ZONE,
    );
    expect(months(result, 'e')).toEqual(['2026-07', '2026-08', '2026-09', '2026-10', '2026-11']);
    expect(months(result, 'w')).toEqual(['2026-08']);
  });
});
