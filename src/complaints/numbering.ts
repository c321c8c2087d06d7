import type { HydratedDocument, Types } from 'mongoose';
import { formatTicketNumber } from '../domain/complaints/numbers.js';
import type { Complaint } from '../models/complaint.js';
import type { Models } from '../models/index.js';

const isDuplicateKey = (error: unknown) => (error as { code?: number }).code === 11000;

async function nextSeq(models: Models, communityId: Types.ObjectId, year: number): Promise<number> {
  const latest = await models.Complaint.findOne({ communityId, year }, { seq: 1 }).sort({ seq: -1 }).lean();
  return (latest?.seq ?? 0) + 1;
}

/**
 * Files a complaint under the next number of its community and year (2026-0153). The unique (community,
 * number) index is the counter, as for dues receipts: concurrent reports that pick the same number
 * collide and the loser takes the next (findOneAndUpdate+$inc on a counter is not atomic on FerretDB 1.x).
 * A retried message (same sourceKey) gets the complaint it already filed.
 */
export async function insertNumbered(
  models: Models,
  year: number,
  complaint: Omit<Complaint, 'number' | 'year' | 'seq'>,
): Promise<HydratedDocument<Complaint>> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const seq = await nextSeq(models, complaint.communityId, year);
    try {
      return await models.Complaint.create({
        ...complaint,
        year,
        seq,
        number: formatTicketNumber(year, seq),
      });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      const existing = await models.Complaint.findOne({ sourceKey: complaint.sourceKey });
      if (existing) return existing;
    }
  }
  throw new Error(`no free complaint number for community ${String(complaint.communityId)} after 100 tries`);
}
