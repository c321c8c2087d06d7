/** Which months a payment covers, and how long a member has gone unpaid (domain.md §1.3, §1.4). */

import { yearMonth } from '../text/calendar.js';
import type { YearMonth } from '../text/index.js';

/** Many local rules allow paying up to 6 months ahead (domain.md §1.3); a branch may set another limit. */
export const MAX_ADVANCE_MONTHS = 6;

const YEAR_MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** Months since year 0, so that month arithmetic is integer arithmetic. */
function monthIndex(ym: YearMonth): number {
  const m = YEAR_MONTH.exec(ym);
  if (!m) throw new RangeError(`not a YYYY-MM month: ${ym}`);
  return Number(m[1]) * 12 + Number(m[2]) - 1;
}

const fromIndex = (i: number): YearMonth => yearMonth(Math.floor(i / 12), (i % 12) + 1);

export const addMonths = (ym: YearMonth, n: number): YearMonth => fromIndex(monthIndex(ym) + n);

/** How many months `a` is after `b` (negative when before): a comparator for sort, and a distance. */
export const compareMonths = (a: YearMonth, b: YearMonth): number => monthIndex(a) - monthIndex(b);

/** Every month from `from` to `to`, both included; empty when `from` is after `to`. */
export function monthsBetween(from: YearMonth, to: YearMonth): YearMonth[] {
  const start = monthIndex(from);
  return Array.from({ length: Math.max(0, monthIndex(to) - start + 1) }, (_, i) => fromIndex(start + i));
}

export interface PaymentAllocationInput {
  amountFen: number;
  /** The member's dues for a month; the rate may differ between years (fixed at the start of each). */
  monthlyFen: (month: YearMonth) => number;
  /** Months charged and not yet covered, any order. */
  unpaid: YearMonth[];
  current: YearMonth;
  /** Months already covered from `current` on: normally later months; `current` itself if paid already. */
  paidAhead: YearMonth[];
  maxAdvanceMonths?: number;
}

export interface MonthCover {
  month: YearMonth;
  fen: number;
}

export interface PaymentAllocation {
  /** In calendar order. */
  covered: MonthCover[];
  /** What did not pay for a whole month: the caller refuses it or asks what it is for. */
  remainderFen: number;
}

/**
 * Oldest arrears first (补交), then the current month, then months ahead (预交) up to `maxAdvanceMonths` after
 * the current one, skipping months already covered. Only whole months are covered, and in order: the first
 * month the rest does not pay for ends the allocation, even if a later, cheaper month would fit, so coverage
 * never has a hole. Whether arrears beyond 6 months may be taken is the branch's decision, not made here.
 */
export function allocatePayment(input: PaymentAllocationInput): PaymentAllocation {
  const { amountFen, monthlyFen, unpaid, current, paidAhead, maxAdvanceMonths = MAX_ADVANCE_MONTHS } = input;
  if (!Number.isSafeInteger(amountFen) || amountFen <= 0) {
    throw new RangeError('amount must be a positive whole number of fen');
  }
  if (!Number.isSafeInteger(maxAdvanceMonths) || maxAdvanceMonths < 0) {
    throw new RangeError('maxAdvanceMonths must be a whole number ≥ 0');
  }
  const done = new Set(paidAhead);
  const due = [...new Set([...unpaid, ...monthsBetween(current, addMonths(current, maxAdvanceMonths))])]
    .filter((month) => !done.has(month))
    .sort(compareMonths);

  const covered: MonthCover[] = [];
  let remainderFen = amountFen;
  for (const month of due) {
    const fen = monthlyFen(month);
    // A month that costs nothing would be "covered" by any payment: exempt months are not charged at all.
    if (!Number.isSafeInteger(fen) || fen <= 0) {
      throw new RangeError(`dues for ${month} must be a positive whole number of fen`);
    }
    if (fen > remainderFen) break;
    covered.push({ month, fen });
    remainderFen -= fen;
  }
  return { covered, remainderFen };
}

/**
 * Unpaid months in a row ending at `upTo`, for the 3- and 6-month alerts (Party Constitution Art. 9). A month
 * that was not charged (exempt, before joining) ends the run as a covered one does: only consecutive
 * non-payment counts.
 */
export function consecutiveUnpaid(
  chargedMonths: YearMonth[],
  coveredMonths: Set<YearMonth>,
  upTo: YearMonth,
): number {
  const charged = new Set(chargedMonths);
  let count = 0;
  for (let month = upTo; charged.has(month) && !coveredMonths.has(month); month = addMonths(month, -1)) {
    count++;
  }
  return count;
}

/**
 * The last month whose dues are late on a day in `month`: members are asked to pay within the month, so the
 * month before; an approved quarterly payer pays by the end of a quarter, so the last month of the last
 * completed quarter (domain.md §1.3, §1.4).
 */
export function lateThrough(month: YearMonth, schedule: 'monthly' | 'quarterly'): YearMonth {
  const previous = monthIndex(month) - 1;
  return fromIndex(schedule === 'quarterly' ? previous - ((previous + 1) % 3) : previous);
}
