import { isDuplicateKeyError } from '../../src/db/duplicate-key.js';
import { currentYearMonth, type YearMonth } from '../../src/domain/text/index.js';
import { chargeableMembersWithDues } from '../../src/dues/assessment.js';
import type { ScheduledJob } from './types.js';

/** On the 1st: one charge per member for the month. The unique (member, month) index makes re-runs no-ops. */
export const duesCharges: ScheduledJob = {
  name: 'dues-charges',
  summary: '每月1日生成本月应交党费',
  pattern: '10 0 1 * *',
  async run({ deps, at, log }) {
    const { models } = deps;
    const month = currentYearMonth(at, deps.config.timeZone) as YearMonth;
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
    log.info({ month, created, skipped }, 'dues charges');
    return `${month} 党费：新生成 ${created} 笔，未生成 ${skipped} 人（免交或未核定金额）`;
  },
};
