import { createHash } from 'node:crypto';
import type { Types } from 'mongoose';
import type { Deps } from '../../src/deps.js';
import { currentYearMonth, type YearMonth } from '../../src/domain/text/index.js';
import { MAX_RECIPIENTS_PER_SEND } from '../../src/queues/queues.js';
import { fanoutDelayMs } from '../../src/queues/send-timing.js';
import type { ScheduledJob } from './types.js';

const KIND = 'dues-unpaid';
const QUARTER_END_MONTHS = new Set(['03', '06', '09', '12']);

export function reminderText(month: YearMonth): string {
  const [year, m] = month.split('-');
  return `您好！您${year}年${Number(m)}月的党费还没有交。请在本月内交给支部书记，也可以委托家人代交。\n发「党费」可以查应交金额和欠交月份。已经交了请忽略。`;
}

interface Unpaid {
  memberId: Types.ObjectId;
  communityId: Types.ObjectId;
  userId: string;
}

/** Members charged for `month` who have not paid it (reversed payments do not count), per batch of charges. */
async function* unpaidMembers(deps: Deps, month: YearMonth): AsyncGenerator<Unpaid[]> {
  const { models } = deps;
  let batch: Array<{ memberId: Types.ObjectId; communityId: Types.ObjectId }> = [];
  const check = async (): Promise<Unpaid[]> => {
    const ids = batch.map((c) => c.memberId);
    const [payments, members] = await Promise.all([
      models.DuesPayment.find(
        { memberId: { $in: ids }, 'covered.month': month },
        { memberId: 1, receiptNo: 1, communityId: 1 },
      ).lean(),
      models.Member.find({ _id: { $in: ids } }, { wecomUserId: 1, duesSchedule: 1 }).lean(),
    ]);
    const reversed = new Set(
      (await models.DuesReversal.find({ receiptNo: { $in: payments.map((p) => p.receiptNo) } }).lean()).map(
        (r) => `${String(r.communityId)}:${r.receiptNo}`,
      ),
    );
    const paid = new Set(
      payments
        .filter((p) => !reversed.has(`${String(p.communityId)}:${p.receiptNo}`))
        .map((p) => String(p.memberId)),
    );
    const byId = new Map(members.map((m) => [String(m._id), m]));
    const quarterEnd = QUARTER_END_MONTHS.has(month.slice(5));
    const result = batch.flatMap((c) => {
      const member = byId.get(String(c.memberId));
      // Approved quarterly payers are reminded in the last month of a quarter only.
      if (!member || paid.has(String(c.memberId)) || (member.duesSchedule === 'quarterly' && !quarterEnd))
        return [];
      return [{ ...c, userId: member.wecomUserId }];
    });
    batch = [];
    return result;
  };
  const charges = models.DuesCharge.find({ month }, { memberId: 1, communityId: 1 })
    .sort({ memberId: 1 })
    .lean()
    .cursor();
  for await (const charge of charges) {
    batch.push({ memberId: charge.memberId, communityId: charge.communityId });
    if (batch.length >= MAX_RECIPIENTS_PER_SEND) yield check();
  }
  if (batch.length > 0) yield check();
}

/**
 * On the 15th: one reminder to every member whose month is unpaid, exactly once. A Reminder document per
 * member, kind and month is inserted (pending) before the send is enqueued, under a job id derived from
 * its recipients; a re-run skips members already reminded and re-enqueues, under the same id, any batch a
 * crashed run had written but not enqueued. Identical text lets WeCom take 1000 recipients per call.
 */
export const duesReminders: ScheduledJob = {
  name: 'dues-reminders',
  summary: '每月15日提醒本月党费未交的党员（每人一次）',
  pattern: '0 10 15 * *',
  async run({ deps, at, log }) {
    const { models, queues } = deps;
    const month = currentYearMonth(at, deps.config.timeZone) as YearMonth;
    const content = { type: 'text' as const, content: reminderText(month) };
    const delay = fanoutDelayMs(at);
    let reminded = 0;

    for await (const unpaid of unpaidMembers(deps, month)) {
      if (unpaid.length === 0) continue;
      const already = new Set(
        (
          await models.Reminder.find(
            { memberId: { $in: unpaid.map((u) => u.memberId) }, kind: KIND, period: month },
            { memberId: 1 },
          ).lean()
        ).map((r) => String(r.memberId)),
      );
      const fresh = unpaid.filter((u) => !already.has(String(u.memberId)));
      if (fresh.length === 0) continue;
      const jobId = `dues-reminder-${month}-${createHash('sha1')
        .update(fresh.map((u) => String(u.memberId)).join(','))
        .digest('hex')
        .slice(0, 20)}`;
      try {
        await models.Reminder.insertMany(
          fresh.map((u) => ({
            communityId: u.communityId,
            memberId: u.memberId,
            kind: KIND,
            period: month,
            jobId,
            state: 'pending',
          })),
          { ordered: false },
        );
      } catch (error) {
        // Another run reminded some of them meanwhile: send only to those this batch holds.
        if ((error as { code?: number }).code !== 11000 && !(error as { writeErrors?: unknown }).writeErrors)
          throw error;
      }
      const mine = new Set(
        (await models.Reminder.find({ jobId }, { memberId: 1 }).lean()).map((r) => String(r.memberId)),
      );
      const touser = fresh.filter((u) => mine.has(String(u.memberId))).map((u) => u.userId);
      await queues.outbound.add('reminder', { touser, content, purpose: 'reminder' }, { jobId, delay });
      await models.Reminder.updateMany({ jobId }, { $set: { state: 'queued' } });
      reminded += touser.length;
    }

    // A run that died between writing reminders and enqueueing them: same recipients, same job id.
    const stranded = await models.Reminder.find({ kind: KIND, period: month, state: 'pending' }).lean();
    const byJob = new Map<string, typeof stranded>();
    for (const r of stranded) byJob.set(r.jobId, [...(byJob.get(r.jobId) ?? []), r]);
    for (const [jobId, reminders] of byJob) {
      const users = await models.Member.find(
        { _id: { $in: reminders.map((r) => r.memberId) } },
        { wecomUserId: 1 },
      ).lean();
      await queues.outbound.add(
        'reminder',
        { touser: users.map((u) => u.wecomUserId), content, purpose: 'reminder' },
        { jobId, delay },
      );
      await models.Reminder.updateMany({ jobId }, { $set: { state: 'queued' } });
      reminded += reminders.length;
    }
    log.info({ month, reminded }, 'dues reminders');
    return `${month} 党费提醒：本次提醒 ${reminded} 人`;
  },
};
