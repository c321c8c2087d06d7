import { createHash } from 'node:crypto';
import type { Types } from 'mongoose';
import { idKey, SortedLookup } from '../../src/db/sorted-lookup.js';
import type { Deps } from '../../src/deps.js';
import { currentYearMonth, type YearMonth } from '../../src/domain/text/index.js';
import { enqueueOutbound, MAX_RECIPIENTS_PER_SEND } from '../../src/queues/queues.js';
import { fanoutDelayMs } from '../../src/queues/send-timing.js';
import { claimReminders, markQueued, queuedJobIds, type ReminderKey } from '../../src/reminders/once.js';
import type { ScheduledJob } from './types.js';

const KIND = 'dues-unpaid';
const QUARTER_END_MONTHS = new Set(['03', '06', '09', '12']);

export function reminderText(month: YearMonth): string {
  const [year, m] = month.split('-');
  return `您好！您${year}年${Number(m)}月的党费还没有交。请在本月内交给支部书记，也可以委托家人代交。\n发「党费」可以查应交金额和欠交月份。已经交了请忽略。`;
}

interface Candidate {
  memberId: Types.ObjectId;
  communityId: Types.ObjectId;
  userId: string;
  /** Receipts of payments covering the month: the member has paid unless every one was reversed. */
  receipts: Array<{ communityId: Types.ObjectId; receiptNo: string }>;
}

/** What one pass over the month's charges found. */
interface Walk {
  /** Members to remind, in batches of at most one WeCom call. */
  batches: AsyncGenerator<Candidate[]>;
  /** Reminders a crashed run wrote but never enqueued: job id → recipients. Complete once batches end. */
  stranded: Map<string, Candidate[]>;
}

/**
 * One sorted pass over the month's charges (which carry the member's userid and schedule), merged with the
 * payments covering the month and the reminders already written (all sorted by member id): every
 * collection is read once, whatever its size.
 */
function walkCharges(deps: Deps, key: ReminderKey & { period: YearMonth }, queued: Set<string>): Walk {
  const { models } = deps;
  const month = key.period;
  const byMember = <T extends { memberId: unknown }>(item: T) => idKey(item.memberId);
  const payments = new SortedLookup(
    models.DuesPayment.find({ 'covered.month': month }, { memberId: 1, communityId: 1, receiptNo: 1 })
      .sort({ memberId: 1 })
      .lean()
      .cursor(),
    byMember,
  );
  const reminders = new SortedLookup(
    models.Reminder.find(key, { memberId: 1, jobId: 1 }).sort({ memberId: 1 }).lean().cursor(),
    byMember,
  );
  const charges = new SortedLookup(
    models.DuesCharge.find({ month }, { memberId: 1, communityId: 1, wecomUserId: 1, duesSchedule: 1 })
      .sort({ memberId: 1 })
      .lean()
      .cursor(),
    byMember,
  );
  const quarterEnd = QUARTER_END_MONTHS.has(month.slice(5));
  const stranded = new Map<string, Candidate[]>();

  async function* batches(): AsyncGenerator<Candidate[]> {
    let batch: Candidate[] = [];
    for await (const charge of charges.remaining()) {
      const id = idKey(charge.memberId);
      const paid = await payments.take(id);
      const [reminded] = await reminders.take(id);
      const candidate = {
        memberId: charge.memberId,
        communityId: charge.communityId,
        userId: charge.wecomUserId,
        receipts: paid,
      };
      if (reminded) {
        if (!queued.has(reminded.jobId))
          stranded.set(reminded.jobId, [...(stranded.get(reminded.jobId) ?? []), candidate]);
        continue;
      }
      // Approved quarterly payers are reminded in the last month of a quarter only.
      if (charge.duesSchedule === 'quarterly' && !quarterEnd) continue;
      batch.push(candidate);
      if (batch.length >= MAX_RECIPIENTS_PER_SEND) {
        yield await withoutPaid(deps, batch);
        batch = [];
      }
    }
    if (batch.length > 0) yield await withoutPaid(deps, batch);
  }
  return { batches: batches(), stranded };
}

/** Drops members with a payment for the month that was not reversed (reversals are rare: one small query). */
async function withoutPaid(deps: Deps, batch: Candidate[]): Promise<Candidate[]> {
  const receipts = batch.flatMap((c) => c.receipts);
  if (receipts.length === 0) return batch;
  const reversals = await deps.models.DuesReversal.find(
    { receiptNo: { $in: receipts.map((r) => r.receiptNo) } },
    { communityId: 1, receiptNo: 1 },
  ).lean();
  const reversed = new Set(reversals.map((r) => `${String(r.communityId)}:${r.receiptNo}`));
  return batch.filter((c) =>
    c.receipts.every((r) => reversed.has(`${String(r.communityId)}:${r.receiptNo}`)),
  );
}

/**
 * On the 15th: one reminder to every member whose month is unpaid, exactly once (src/reminders/once.ts):
 * the batch's reminders are claimed under a job id derived from its recipients, the job is enqueued, then
 * the batch is marked queued. A re-run skips members already reminded and re-enqueues, under the same id,
 * any batch a crashed run had claimed but not marked. Identical text lets WeCom take 1000 users a call.
 */
export const duesReminders: ScheduledJob = {
  name: 'dues-reminders',
  summary: '每月15日提醒本月党费未交的党员（每人一次）',
  pattern: '0 10 15 * *',
  async run({ deps, at, log }) {
    const { models, queues } = deps;
    const month = currentYearMonth(at, deps.config.timeZone) as YearMonth;
    const key = { kind: KIND, period: month };
    const content = { type: 'text' as const, content: reminderText(month) };
    const delay = fanoutDelayMs(at);
    const send = async (jobId: string, touser: string[]) => {
      // A batch left with nobody (all paid since a crash) is done all the same: marked, nothing sent.
      if (touser.length > 0) {
        await enqueueOutbound(queues.outbound, jobId, { touser, content, purpose: 'reminder' }, delay);
      }
      await markQueued(models, key, jobId);
      return touser.length;
    };

    let reminded = 0;
    const walk = walkCharges(deps, key, await queuedJobIds(models, key));
    for await (const unpaid of walk.batches) {
      if (unpaid.length === 0) continue;
      const ids = unpaid.map((u) => String(u.memberId));
      const jobId = `dues-reminder-${month}-${createHash('sha1').update(ids.join(',')).digest('hex').slice(0, 20)}`;
      const mine = await claimReminders(models, key, jobId, unpaid);
      reminded += await send(
        jobId,
        unpaid.filter((u) => mine.has(String(u.memberId))).map((u) => u.userId),
      );
    }
    // Who paid since the crash is not told 「还没有交」.
    for (const [jobId, members] of walk.stranded) {
      reminded += await send(
        jobId,
        (await withoutPaid(deps, members)).map((u) => u.userId),
      );
    }

    log.info({ month, reminded, recovered: walk.stranded.size }, 'dues reminders');
    return `${month} 党费提醒：本次提醒 ${reminded} 人`;
  },
};
