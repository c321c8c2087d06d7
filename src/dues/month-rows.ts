import type { Types } from 'mongoose';
import type { YearMonth } from '../domain/text/index.js';
import type { DuesPayment } from '../models/dues.js';
import type { Models } from '../models/index.js';

/** A branch, a community, or named members of a community. */
export type DuesFilter = {
  communityId: Types.ObjectId;
  branchId?: Types.ObjectId | null;
  memberId?: { $in: Types.ObjectId[] };
};

/** The payment that covered a month (never a reversed one), as the receipt says. */
export interface MonthPayment {
  receiptNo: string;
  /** What this payment put against the month. */
  fen: number;
  paidAt: Date;
  method: DuesPayment['method'];
  payer: { name: string; relation: string } | null;
  collectorMemberId: string;
}

/** One member's month in the ledger: what was owed and what paid it. */
export interface DuesMonth {
  memberId: string;
  month: YearMonth;
  /** Charged (after an approved reduction); null when nothing is owed: not charged yet (paid ahead) or exempted. */
  dueFen: number | null;
  payment: MonthPayment | null;
  /** 少交/免交 approval reference, when a waiver names this month. */
  waiverRef: string | null;
  /** Payments for this month cancelled by 冲正, with the reason. */
  reversed: Array<{ receiptNo: string; reason: string }>;
}

const key = (memberId: unknown, month: string) => `${String(memberId)}:${month}`;

/**
 * Every member-month of the ledger that `filter` selects over `months`: charged months (by the branch charged),
 * and months paid ahead of their charge by members of that branch. Read straight from the append-only
 * ledger — charges, payments, reversals, waivers — so every figure, chart and spreadsheet agrees with it.
 */
export async function loadDuesMonths(
  models: Models,
  filter: DuesFilter,
  months: readonly YearMonth[],
): Promise<DuesMonth[]> {
  const inMonths = { $in: [...months] };
  const charges = await models.DuesCharge.find({ ...filter, month: inMonths }).lean();
  const charged = [...new Set(charges.map((c) => String(c.memberId)))];
  const [byMember, byBranch] = await Promise.all([
    models.DuesPayment.find({
      communityId: filter.communityId,
      memberId: { $in: charged },
      'covered.month': inMonths,
    }).lean(),
    models.DuesPayment.find({ ...filter, 'covered.month': inMonths }).lean(),
  ]);
  const payments = [...new Map([...byMember, ...byBranch].map((p) => [p.receiptNo, p])).values()];
  const memberIds = [...new Set([...charged, ...payments.map((p) => String(p.memberId))])];
  const [reversals, waivers] = await Promise.all([
    models.DuesReversal.find({
      communityId: filter.communityId,
      receiptNo: { $in: payments.map((p) => p.receiptNo) },
    }).lean(),
    models.DuesWaiver.find({ communityId: filter.communityId, memberId: { $in: memberIds } }).lean(),
  ]);
  const reason = new Map(reversals.map((r) => [r.receiptNo, r.reason]));
  const wanted = new Set<string>(months);

  const rows = new Map<string, DuesMonth>();
  const row = (memberId: unknown, month: string): DuesMonth => {
    const k = key(memberId, month);
    let found = rows.get(k);
    if (!found) {
      found = {
        memberId: String(memberId),
        month: month as YearMonth,
        dueFen: null,
        payment: null,
        waiverRef: null,
        reversed: [],
      };
      rows.set(k, found);
    }
    return found;
  };
  const waived = new Map<string, { fen: number; ref: string }>();
  for (const w of waivers)
    for (const m of w.months) waived.set(key(w.memberId, m), { fen: w.reducedToFen, ref: w.approvalRef });

  for (const charge of charges) {
    const waiver = waived.get(key(charge.memberId, charge.month));
    const fen = Math.min(charge.fen, waiver?.fen ?? charge.fen);
    const r = row(charge.memberId, charge.month);
    r.dueFen = fen > 0 ? fen : null;
    r.waiverRef = waiver?.ref ?? null;
  }
  for (const p of payments) {
    for (const c of p.covered) {
      if (!wanted.has(c.month)) continue;
      const r = row(p.memberId, c.month);
      const cancelled = reason.get(p.receiptNo);
      if (cancelled !== undefined) {
        r.reversed.push({ receiptNo: p.receiptNo, reason: cancelled });
        continue;
      }
      r.payment = {
        receiptNo: p.receiptNo,
        fen: c.fen,
        paidAt: p.paidAt,
        method: p.method,
        payer: p.payer?.name ? p.payer : null,
        collectorMemberId: String(p.collectorMemberId),
      };
    }
  }
  return [...rows.values()];
}
