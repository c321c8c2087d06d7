import { isDuplicateKeyError } from '../db/duplicate-key.js';
import type { YearMonth } from '../domain/text/index.js';
import type { Models } from '../models/index.js';
import { chargeableMembersWithDues } from './assessment.js';

/**
 * One charge per chargeable member for `month`, at the amount assessed for its year; members exempt that month
 * or without an amount are skipped. The unique (member, month) index makes a second run a no-op.
 */
export async function chargeMonth(
  models: Models,
  month: YearMonth,
): Promise<{ created: number; skipped: number }> {
  const year = Number(month.slice(0, 4));
  let created = 0;
  let skipped = 0;
  for await (const rows of chargeableMembersWithDues(models, year)) {
    const charges = rows.flatMap(({ member, fen }) => {
      const exemptUntil = member.duesExempt?.until;
      if (!fen || (exemptUntil && exemptUntil >= month)) {
        skipped++;
        return [];
      }
      return [
        {
          communityId: member.communityId,
          memberId: member._id,
          branchId: member.branchId,
          wecomUserId: member.wecomUserId,
          duesSchedule: member.duesSchedule,
          month,
          fen,
        },
      ];
    });
    if (charges.length === 0) continue;
    try {
      created += (await models.DuesCharge.insertMany(charges, { ordered: false })).length;
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      created += (error as { insertedDocs?: unknown[] }).insertedDocs?.length ?? 0;
    }
  }
  return { created, skipped };
}
