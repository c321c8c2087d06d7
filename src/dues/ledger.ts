import type { Types } from 'mongoose';
import { compareMonths } from '../domain/dues/allocation.js';
import type { YearMonth } from '../domain/text/index.js';
import type { Models } from '../models/index.js';

export interface LedgerPayment {
  receiptNo: string;
  amountFen: number;
  covered: Array<{ month: YearMonth; fen: number }>;
  method: string;
  payer: { name: string; relation: string } | null;
  paidAt: Date;
}

/** One member's dues position, read from the append-only ledger. */
export interface DuesLedger {
  /** Month → amount charged (after any approved reduction). */
  charged: Map<YearMonth, number>;
  covered: Set<YearMonth>;
  /** Payments not reversed, newest first. */
  payments: LedgerPayment[];
}

export async function loadLedger(models: Models, memberId: Types.ObjectId): Promise<DuesLedger> {
  const [charges, payments, waivers] = await Promise.all([
    models.DuesCharge.find({ memberId }),
    models.DuesPayment.find({ memberId }).sort({ paidAt: -1, createdAt: -1 }),
    models.DuesWaiver.find({ memberId }),
  ]);
  const reversed = new Set(
    (await models.DuesReversal.find({ memberId }, { receiptNo: 1 })).map((r) => r.receiptNo),
  );
  const reduced = new Map<string, number>();
  for (const waiver of waivers) for (const month of waiver.months) reduced.set(month, waiver.reducedToFen);
  const charged = new Map<YearMonth, number>();
  for (const charge of charges) {
    const fen = Math.min(charge.fen, reduced.get(charge.month) ?? charge.fen);
    if (fen > 0) charged.set(charge.month as YearMonth, fen);
  }
  const live = payments.filter((p) => !reversed.has(p.receiptNo)) as unknown as LedgerPayment[];
  return { charged, covered: new Set(live.flatMap((p) => p.covered.map((c) => c.month))), payments: live };
}

/** Charged months up to `upTo` not covered by a payment, oldest first. */
export function unpaidMonths(ledger: DuesLedger, upTo: YearMonth): YearMonth[] {
  return [...ledger.charged.keys()]
    .filter((m) => compareMonths(m, upTo) <= 0 && !ledger.covered.has(m))
    .sort(compareMonths);
}

export function owedFen(ledger: DuesLedger, upTo: YearMonth): number {
  return unpaidMonths(ledger, upTo).reduce((sum, m) => sum + (ledger.charged.get(m) ?? 0), 0);
}

/** The latest month covered, or null. */
export function paidThrough(ledger: DuesLedger): YearMonth | null {
  return [...ledger.covered].sort(compareMonths).at(-1) ?? null;
}
