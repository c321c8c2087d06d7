import type { Types } from 'mongoose';
import { isDuplicateKeyError } from '../db/duplicate-key.js';
import { idKey, SortedLookup } from '../db/sorted-lookup.js';
import { monthlyDuesFen } from '../domain/dues/calculator.js';
import type { DuesCategory } from '../domain/member-vocabulary.js';
import type { Models } from '../models/index.js';
import type { Member } from '../models/member.js';

export interface AssessableMember {
  _id: Types.ObjectId;
  communityId: Types.ObjectId;
  duesCategory: string;
  duesBaseFen?: number | null;
  monthlyDuesFenOverride?: number | null;
}

/**
 * A member's monthly dues for a year: fixed at the start of the year (domain.md §1.2), so it is stored on
 * first use and read back after. The roster's override wins; otherwise the 2008 brackets on the declared
 * base. Null when neither is known: the member cannot be charged until the secretary enters one.
 */
export async function monthlyDuesFor(
  models: Models,
  member: AssessableMember,
  year: number,
): Promise<number | null> {
  const memberId = member._id;
  const stored = await models.DuesAssessment.findOne({ memberId, year }, { fen: 1 }).lean();
  if (stored) return stored.fen;
  const assessed = assessMember(member);
  if (!assessed) return null;
  await models.DuesAssessment.updateOne(
    { memberId, year },
    { $setOnInsert: { communityId: member.communityId, ...assessed } },
    { upsert: true },
  );
  return assessed.fen;
}

/** Members who owe dues; suspended, transferred and deceased members are never charged. */
export const CHARGEABLE_STATUSES = ['active', 'mobile'] as const;

const ASSESS_BATCH = 500;

/**
 * Every chargeable member with the year's monthly amount (null: none known), in batches, from one sorted
 * pass over members and the year's assessments; assessments missing so far are computed and stored in
 * bulk before their batch is yielded. (A lookup per member rescans the collection on FerretDB.)
 */
export async function* chargeableMembersWithDues(models: Models, year: number) {
  const assessments = new SortedLookup(
    models.DuesAssessment.find({ year }, { memberId: 1, fen: 1 }).sort({ memberId: 1 }).lean().cursor(),
    (a) => idKey(a.memberId),
  );
  const members = new SortedLookup(
    models.Member.find({ status: { $in: CHARGEABLE_STATUSES } })
      .sort({ _id: 1 })
      .lean()
      .cursor(),
    (m) => idKey(m._id),
  );
  let batch: Array<{ member: Member & { _id: Types.ObjectId }; fen: number | null }> = [];
  let fresh: Array<Record<string, unknown>> = [];
  const flush = async () => {
    if (fresh.length > 0) {
      try {
        await models.DuesAssessment.insertMany(fresh, { ordered: false });
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error; // assessed meanwhile by a payment: same rule, same amount
      }
    }
    const rows = batch;
    batch = [];
    fresh = [];
    return rows;
  };
  for await (const member of members.remaining()) {
    const [stored] = await assessments.take(idKey(member._id));
    let fen = stored?.fen ?? null;
    if (!stored) {
      const assessed = assessMember(member);
      if (assessed) {
        fen = assessed.fen;
        fresh.push({ communityId: member.communityId, memberId: member._id, year, ...assessed });
      }
    }
    batch.push({ member, fen });
    if (batch.length >= ASSESS_BATCH) yield await flush();
  }
  if (batch.length > 0) yield await flush();
}

export function assessMember(
  member: AssessableMember,
): { fen: number; rule: string; baseFen: number | null } | null {
  if (member.monthlyDuesFenOverride != null) {
    return { fen: member.monthlyDuesFenOverride, rule: '支部核定金额', baseFen: member.duesBaseFen ?? null };
  }
  try {
    const { fen, rule } = monthlyDuesFen({
      category: member.duesCategory as DuesCategory,
      baseFen: member.duesBaseFen ?? null,
    });
    return { fen, rule, baseFen: member.duesBaseFen ?? null };
  } catch {
    return null; // no base declared for a category that needs one
  }
}

export interface AssessmentReport {
  created: number;
  unchanged: number;
  changed: Array<{ name: string; fromFen: number; toFen: number }>;
  /** Members with no override and no declared base: the secretary must enter one. */
  missing: string[];
}

/**
 * Recomputes every chargeable member's monthly dues for `year` from the roster (override or declared base)
 * and stores it; reports what changed. Run at the start of a year, or after correcting bases.
 */
export async function assessYear(models: Models, year: number): Promise<AssessmentReport> {
  const report: AssessmentReport = { created: 0, unchanged: 0, changed: [], missing: [] };
  const members = models.Member.find({ status: { $in: CHARGEABLE_STATUSES } })
    .lean()
    .cursor();
  for await (const member of members) {
    const assessed = assessMember(member);
    if (!assessed) {
      report.missing.push(member.name);
      continue;
    }
    const memberId = member._id;
    const stored = await models.DuesAssessment.findOne({ memberId, year }).lean();
    if (stored?.fen === assessed.fen) {
      report.unchanged++;
      continue;
    }
    await models.DuesAssessment.updateOne(
      { memberId, year },
      { $set: { communityId: member.communityId, ...assessed } },
      { upsert: true },
    );
    if (stored) report.changed.push({ name: member.name, fromFen: stored.fen, toFen: assessed.fen });
    else report.created++;
  }
  return report;
}
