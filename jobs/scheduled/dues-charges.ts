import type { Types } from 'mongoose';
import type { MemberStatus } from '../../src/domain/member-vocabulary.js';
import { currentYearMonth, type YearMonth } from '../../src/domain/text/index.js';
import { monthlyDuesFor } from '../../src/dues/assessment.js';
import type { ScheduledJob } from './types.js';

const BATCH = 500;
/** Members who owe dues; suspended, transferred and deceased members are never charged. */
export const CHARGEABLE_STATUSES: MemberStatus[] = ['active', 'mobile'];

const isDuplicate = (error: unknown) =>
  (error as { code?: number }).code === 11000 ||
  ((error as { writeErrors?: Array<{ code?: number }> }).writeErrors ?? []).every((e) => e.code === 11000);

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
    let batch: Array<Record<string, unknown>> = [];
    const flush = async () => {
      if (batch.length === 0) return;
      try {
        created += (await models.DuesCharge.insertMany(batch, { ordered: false })).length;
      } catch (error) {
        if (!isDuplicate(error)) throw error;
        created += (error as { insertedDocs?: unknown[] }).insertedDocs?.length ?? 0;
      }
      batch = [];
    };
    const members = models.Member.find({ status: { $in: CHARGEABLE_STATUSES } })
      .lean()
      .cursor();
    for await (const member of members) {
      const exemptUntil = member.duesExempt?.until;
      const fen = exemptUntil && exemptUntil >= month ? null : await monthlyDuesFor(models, member, year);
      if (!fen) {
        skipped++;
        continue;
      }
      batch.push({
        communityId: member.communityId,
        memberId: member._id as Types.ObjectId,
        branchId: member.branchId,
        month,
        fen,
      });
      if (batch.length >= BATCH) await flush();
    }
    await flush();
    log.info({ month, created, skipped }, 'dues charges');
    return `${month} 党费：新生成 ${created} 笔，未生成 ${skipped} 人（免交或未核定金额）`;
  },
};
