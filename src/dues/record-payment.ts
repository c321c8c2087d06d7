import { Types } from 'mongoose';
import { UserError } from '../bot/user-error.js';
import type { DuesPayment } from '../models/dues.js';
import type { Models } from '../models/index.js';
import { loadLedger } from './ledger.js';
import type { PaymentPlan } from './plan-payment.js';
import { insertWithReceipt } from './receipts.js';

export interface PaymentWrite {
  plan: PaymentPlan;
  collectorMemberId: Types.ObjectId;
  sourceKey: string;
  paidAt: Date;
}

/** The ledger entry a confirmed plan becomes (without its receipt number). */
export function paymentEntry(
  communityId: Types.ObjectId,
  branchId: Types.ObjectId | null,
  { plan, collectorMemberId, sourceKey, paidAt }: PaymentWrite,
): Omit<DuesPayment, 'receiptNo'> {
  return {
    communityId,
    memberId: new Types.ObjectId(plan.memberId),
    branchId,
    amountFen: plan.amountFen,
    covered: plan.covered,
    method: plan.method,
    payer: plan.payer,
    voluntary: plan.voluntary,
    collectorMemberId,
    sourceKey,
    paidAt,
  };
}

/**
 * Writes the payment a plan shows, unless someone recorded its months meanwhile; returns its receipt number
 * (the year's sequence of the community). A retry with the same sourceKey returns the payment already written.
 */
export async function recordPayment(
  models: Models,
  community: { _id: Types.ObjectId; code: string },
  p: PaymentWrite & { year: number },
): Promise<string> {
  const memberId = new Types.ObjectId(p.plan.memberId);
  const ledger = await loadLedger(models, memberId);
  const taken = p.plan.covered.filter((c) => ledger.covered.has(c.month));
  if (taken.length > 0)
    throw new UserError(`${taken.map((c) => c.month).join('、')}刚刚已经有人登记过了，请重新核对。`);
  const member = await models.Member.findById(memberId);
  return insertWithReceipt(
    models,
    community,
    p.year,
    paymentEntry(community._id, member?.branchId ?? null, p),
  );
}
