import type { Types } from 'mongoose';
import type { Models } from '../models/index.js';

const counterId = (communityId: Types.ObjectId, year: number) => `receipt:${String(communityId)}:${year}`;

const format = (code: string, year: number, seq: number) =>
  `${code.toUpperCase()}-${year}-${String(seq).padStart(5, '0')}`;

/** Takes the next receipt number, atomically: concurrent payments never share one. */
export async function takeReceiptNo(models: Models, community: { _id: unknown; code: string }, year: number) {
  const counter = await models.Counter.findOneAndUpdate(
    { _id: counterId(community._id as Types.ObjectId, year) },
    { $inc: { seq: 1 } },
    { upsert: true, returnDocument: 'after' },
  );
  if (!counter) throw new Error('receipt counter upsert returned nothing');
  return format(community.code, year, counter.seq);
}

/** The number the next payment will get, without taking it (shown in the preview). */
export async function peekReceiptNo(models: Models, community: { _id: unknown; code: string }, year: number) {
  const counter = await models.Counter.findById(counterId(community._id as Types.ObjectId, year));
  return format(community.code, year, (counter?.seq ?? 0) + 1);
}
