import type { Types } from 'mongoose';
import { monthlyDuesFen } from '../domain/dues/calculator.js';
import type { DuesCategory } from '../domain/member-vocabulary.js';
import type { Models } from '../models/index.js';

export interface AssessableMember {
  _id: unknown;
  communityId: unknown;
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
  const memberId = member._id as Types.ObjectId;
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
  const members = models.Member.find({ status: { $in: ['active', 'mobile'] } })
    .lean()
    .cursor();
  for await (const member of members) {
    const assessed = assessMember(member);
    if (!assessed) {
      report.missing.push(member.name);
      continue;
    }
    const memberId = member._id as Types.ObjectId;
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
