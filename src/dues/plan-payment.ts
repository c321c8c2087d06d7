import type { Types } from 'mongoose';
import { UserError } from '../bot/user-error.js';
import { addMonths, allocatePayment, compareMonths, monthsBetween } from '../domain/dues/allocation.js';
import { formatYuan } from '../domain/dues/calculator.js';
import type { PaymentMethod, PaymentRequest } from '../domain/dues/payment-command.js';
import { monthLabel, type YearMonth, yearMonthLabel } from '../domain/text/index.js';
import type { Models } from '../models/index.js';
import { monthlyDuesFor } from './assessment.js';
import { type DuesLedger, unpaidMonths } from './ledger.js';

/** Exactly what a payment will record; shown for 确认, then written as it is. */
export interface PaymentPlan {
  memberId: string;
  memberName: string;
  userId: string;
  covered: Array<{ month: YearMonth; fen: number }>;
  amountFen: number;
  method: PaymentMethod | 'unknown';
  payer: { name: string; relation: string } | null;
  voluntary: boolean;
}

export const MAX_ADVANCE = 6;

export interface PayerMember {
  _id: Types.ObjectId;
  name: string;
  wecomUserId: string;
  communityId: Types.ObjectId;
  duesCategory: string;
  duesBaseFen?: number | null;
  monthlyDuesFenOverride?: number | null;
}

/**
 * Turns a secretary's request into the months it covers: 补交 oldest arrears first, then this month, then
 * up to six months ahead; whole months only. Amounts that leave money over are refused, not guessed at.
 */
export async function planPayment(
  models: Models,
  member: PayerMember,
  ledger: DuesLedger,
  request: PaymentRequest,
  current: YearMonth,
): Promise<PaymentPlan> {
  const unpaid = unpaidMonths(ledger, current);
  const paidAhead = [...ledger.covered].filter((m) => compareMonths(m, current) >= 0);
  const due = [...new Set([...unpaid, ...monthsBetween(current, addMonths(current, MAX_ADVANCE))])]
    .filter((m) => !ledger.covered.has(m))
    .sort(compareMonths);
  const { amount } = request;
  // The year's assessed amount only for months not charged yet (paid ahead): charged months cost what was
  // charged. Named months are all a 9-11月 pays; an amount or a count is spread over the months due.
  const priced =
    amount.kind === 'months-list'
      ? amount.months
      : [...due, ...(amount.kind === 'fen' ? (amount.months ?? []) : [])];
  const rates = new Map<number, number | null>();
  for (const month of priced.filter((m) => !ledger.charged.has(m))) {
    const year = Number(month.slice(0, 4));
    if (!rates.has(year)) rates.set(year, await monthlyDuesFor(models, member, year));
  }
  const monthlyFen = (month: YearMonth) => {
    const fen = ledger.charged.get(month) ?? rates.get(Number(month.slice(0, 4)));
    if (!fen) throw new UserError(`${member.name}还没有核定月党费，请先在花名册填写「月党费(元)」。`);
    return fen;
  };

  let covered: Array<{ month: YearMonth; fen: number }>;
  if (amount.kind === 'owed') {
    const owed = due.filter((m) => compareMonths(m, current) <= 0);
    if (owed.length === 0) {
      throw new UserError(
        `${member.name}到${monthLabel(current)}的党费都交过了。预交请写月数，例如「缴费 ${member.name} 3个月」。`,
      );
    }
    covered = owed.map((month) => ({ month, fen: monthlyFen(month) }));
  } else if (amount.kind === 'fen' && !amount.months && amount.count === undefined) {
    if (request.voluntary) {
      covered = [];
    } else {
      const allocation = allocatePayment({
        amountFen: amount.fen,
        monthlyFen,
        unpaid,
        current,
        paidAhead,
        maxAdvanceMonths: MAX_ADVANCE,
      });
      if (allocation.covered.length === 0) {
        throw new UserError(
          `${formatYuan(amount.fen)}不够一个月的党费（每月${formatYuan(monthlyFen(due[0] ?? current))}）。`,
        );
      }
      if (allocation.remainderFen > 0) {
        throw new UserError(
          `${formatYuan(amount.fen)}交完${allocation.covered.length}个月后还多${formatYuan(allocation.remainderFen)}，不够再交一个月。请核对金额，或按月数登记，例如「缴费 ${member.name} 3个月」。`,
        );
      }
      covered = allocation.covered;
    }
  } else {
    const count = amount.kind === 'months-list' ? undefined : amount.count;
    const named = amount.kind === 'months' ? undefined : amount.months;
    const months = count === undefined ? (named ?? []) : due.slice(0, count);
    if (count !== undefined && months.length < count) {
      throw new UserError(`最多只能预交到${addMonths(current, MAX_ADVANCE)}，${count}个月太多了。`);
    }
    const already = months.filter((m) => ledger.covered.has(m));
    if (already.length > 0) throw new UserError(`${already.join('、')}已经交过了。`);
    const tooFar = months.filter((m) => compareMonths(m, addMonths(current, MAX_ADVANCE)) > 0);
    if (tooFar.length > 0) throw new UserError(`最多只能预交到${addMonths(current, MAX_ADVANCE)}。`);
    covered = months.map((month) => ({ month, fen: monthlyFen(month) }));
    const owed = covered.reduce((sum, c) => sum + c.fen, 0);
    // A sum said together with its months must be what those months cost, or one of them is misheard.
    if (amount.kind === 'fen' && owed !== amount.fen) {
      throw new UserError(
        `${months.map(monthLabel).join('、')}应交${formatYuan(owed)}，和${formatYuan(amount.fen)}对不上，请核对。`,
      );
    }
  }
  const amountFen = amount.kind === 'fen' ? amount.fen : covered.reduce((sum, c) => sum + c.fen, 0);
  return {
    memberId: String(member._id),
    memberName: member.name,
    userId: member.wecomUserId,
    covered,
    amountFen,
    method: request.method ?? 'unknown',
    payer: request.proxy,
    voluntary: request.voluntary,
  };
}

export const METHOD_WORDS: Record<PaymentPlan['method'], string> = {
  cash: '现金',
  wechat: '微信',
  transfer: '转账',
  unknown: '方式未注明',
};

export function describePlan(plan: PaymentPlan): string {
  const months = plan.covered.length
    ? `${plan.covered.map((c) => yearMonthLabel(c.month)).join('、')}党费`
    : '自愿交纳党费';
  const payer = plan.payer
    ? `；代缴：${plan.payer.name}${plan.payer.relation ? `（${plan.payer.relation}）` : ''}`
    : '';
  return `${plan.memberName} ${months} 共${formatYuan(plan.amountFen)}（${METHOD_WORDS[plan.method]}${payer}）`;
}
