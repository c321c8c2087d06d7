import type { Types } from 'mongoose';
import { isDuplicateKeyError } from '../db/duplicate-key.js';
import type { DuesPayment } from '../models/dues.js';
import type { Models } from '../models/index.js';

const prefix = (code: string, year: number) => `${code.toUpperCase()}-${year}-`;
const format = (code: string, year: number, seq: number) =>
  `${prefix(code, year)}${String(seq).padStart(5, '0')}`;

async function nextSeq(
  models: Models,
  communityId: Types.ObjectId,
  code: string,
  year: number,
): Promise<number> {
  const latest = await models.DuesPayment.findOne(
    { communityId, receiptNo: { $regex: `^${prefix(code, year)}` } },
    { receiptNo: 1 },
  )
    .sort({ receiptNo: -1 })
    .lean();
  return latest ? Number(latest.receiptNo.slice(-5)) + 1 : 1;
}

/** The number the next payment will get (shown in the preview; the payment may still get a later one). */
export async function peekReceiptNo(
  models: Models,
  community: { _id: Types.ObjectId; code: string },
  year: number,
) {
  return format(community.code, year, await nextSeq(models, community._id, community.code, year));
}

/**
 * Writes a payment under the next free receipt number. The unique (community, receipt number) index is
 * the sequence: two concurrent payments that pick the same number collide and the loser takes the next.
 * (A counter document with findOneAndUpdate+$inc is not atomic on FerretDB 1.x: 20 concurrent takes gave
 * 11 distinct numbers.) A retried write with the same sourceKey returns the payment already written.
 */
export async function insertWithReceipt(
  models: Models,
  community: { _id: Types.ObjectId; code: string },
  year: number,
  payment: Omit<DuesPayment, 'receiptNo'>,
): Promise<string> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const receiptNo = format(
      community.code,
      year,
      await nextSeq(models, community._id, community.code, year),
    );
    try {
      await models.DuesPayment.create({ ...payment, receiptNo });
      return receiptNo;
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      const existing = await models.DuesPayment.findOne(
        { sourceKey: payment.sourceKey },
        { receiptNo: 1 },
      ).lean();
      if (existing) return existing.receiptNo;
    }
  }
  throw new Error(`no free receipt number for community ${String(community._id)} after 50 tries`);
}

/**
 * Writes a batch of payments, in the order given, under consecutive receipt numbers from the next free one. For a
 * single writer loading history (the demo): a concurrent payment taking one of the numbers fails the batch.
 */
export async function insertManyWithReceipts(
  models: Models,
  community: { _id: Types.ObjectId; code: string },
  year: number,
  payments: Array<Omit<DuesPayment, 'receiptNo'>>,
): Promise<string[]> {
  if (payments.length === 0) return [];
  const first = await nextSeq(models, community._id, community.code, year);
  const numbered = payments.map((p, i) => ({ ...p, receiptNo: format(community.code, year, first + i) }));
  await models.DuesPayment.insertMany(numbered, { ordered: true });
  return numbered.map((p) => p.receiptNo);
}
