import type { Types } from 'mongoose';
import type { YearMonth } from '../domain/text/index.js';
import type { Models } from '../models/index.js';

export interface DuesFigures {
  dueFen: number;
  paidFen: number;
  /** Members with a charge in the period not covered by a payment, with what they owe. */
  unpaid: Array<{ memberId: string; name: string; months: YearMonth[]; fen: number }>;
  members: number;
}

/**
 * 应缴, 实缴 and who is behind, for the members a filter selects (a branch, a community) over some months.
 * Read straight from the ledger (charges, payments, reversals), so nothing is stored twice.
 */
export async function duesFigures(
  models: Models,
  filter: { communityId: Types.ObjectId; branchId?: Types.ObjectId | null },
  months: YearMonth[],
): Promise<DuesFigures> {
  const charges = await models.DuesCharge.find({ ...filter, month: { $in: months } }).lean();
  const memberIds = [...new Set(charges.map((c) => String(c.memberId)))];
  const payments = await models.DuesPayment.find({
    communityId: filter.communityId,
    memberId: { $in: memberIds },
    'covered.month': { $in: months },
  }).lean();
  const reversed = new Set(
    (
      await models.DuesReversal.find({
        communityId: filter.communityId,
        receiptNo: { $in: payments.map((p) => p.receiptNo) },
      }).lean()
    ).map((r) => r.receiptNo),
  );
  const covered = new Set<string>();
  for (const p of payments)
    if (!reversed.has(p.receiptNo))
      for (const c of p.covered) covered.add(`${String(p.memberId)}:${c.month}`);
  const owing = new Map<string, { months: YearMonth[]; fen: number }>();
  let dueFen = 0;
  let paidFen = 0;
  for (const charge of charges) {
    dueFen += charge.fen;
    if (covered.has(`${String(charge.memberId)}:${charge.month}`)) {
      paidFen += charge.fen;
      continue;
    }
    const entry = owing.get(String(charge.memberId)) ?? { months: [], fen: 0 };
    entry.months.push(charge.month as YearMonth);
    entry.fen += charge.fen;
    owing.set(String(charge.memberId), entry);
  }
  const names = new Map(
    (await models.Member.find({ _id: { $in: [...owing.keys()] } }, { name: 1 }).lean()).map((m) => [
      String(m._id),
      m.name,
    ]),
  );
  const unpaid = [...owing.entries()]
    .map(([memberId, o]) => ({
      memberId,
      name: names.get(memberId) ?? '?',
      months: o.months.sort(),
      fen: o.fen,
    }))
    .sort((a, b) => b.months.length - a.months.length || a.name.localeCompare(b.name, 'zh'));
  return { dueFen, paidFen, unpaid, members: memberIds.length };
}

export const collectionRate = (f: Pick<DuesFigures, 'dueFen' | 'paidFen'>) =>
  f.dueFen === 0 ? '—' : `${((f.paidFen / f.dueFen) * 100).toFixed(1)}%`;
