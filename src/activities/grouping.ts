import type { Models } from '../models/index.js';

/** Activities grouped by a field: shared by 活动统计, 志愿时长排行 and the 月报 activity section. */
export interface Bucket {
  _id: unknown;
  count: number;
  minutes: number;
}

/**
 * Count and minutes per value of `field`. Minutes are summed over entries that have them: FerretDB 1.x
 * answers 0 for a $sum over a group that contains a null, where MongoDB skips the null.
 */
export async function groupBy(
  models: Models,
  match: Record<string, unknown>,
  field: string,
  limit?: number,
): Promise<Bucket[]> {
  const group = (sum: unknown) => ({ $group: { _id: `$${field}`, n: { $sum: sum } } });
  const [counts, minutes] = await Promise.all([
    models.Activity.aggregate<{ _id: unknown; n: number }>([{ $match: match }, group(1)] as never),
    models.Activity.aggregate<{ _id: unknown; n: number }>([
      { $match: { ...match, minutes: { $gt: 0 } } },
      group('$minutes'),
    ] as never),
  ]);
  const minutesOf = new Map(minutes.map((b) => [String(b._id), b.n]));
  const buckets = counts
    .map((b) => ({ _id: b._id, count: b.n, minutes: minutesOf.get(String(b._id)) ?? 0 }))
    .sort((a, b) => b.minutes - a.minutes || b.count - a.count);
  return limit ? buckets.slice(0, limit) : buckets;
}

/** Names of branches, party groups or members by id, for labelling buckets. */
export async function namesOf(
  model: Models['Branch'] | Models['PartyGroup'] | Models['Member'],
  ids: unknown[],
) {
  const docs = await (model as Models['Branch']).find({ _id: { $in: ids.filter(Boolean) } }, { name: 1 });
  return new Map(docs.map((d) => [String(d._id), d.name]));
}
