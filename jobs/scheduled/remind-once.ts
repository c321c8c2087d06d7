import { createHash } from 'node:crypto';
import type { Types } from 'mongoose';
import type { Deps } from '../../src/deps.js';
import type { OutboundContent } from '../../src/queues/definitions.js';
import { MAX_RECIPIENTS_PER_SEND } from '../../src/queues/queues.js';
import { chunk } from '../../src/wecom/api/split-text.js';

export interface Recipient {
  memberId: Types.ObjectId;
  communityId: Types.ObjectId;
  userId: string;
}

const isDuplicateWrite = (error: unknown) =>
  (error as { code?: number }).code === 11000 || Boolean((error as { writeErrors?: unknown }).writeErrors);

/**
 * Sends one message to each recipient not yet reminded for (kind, period), exactly once. A Reminder per member is
 * inserted (pending) before the send is enqueued, under a job id derived from `jobIdBase` and the recipients; a
 * re-run skips members already reminded, and `resendStranded` re-enqueues, under the same id, a batch a crashed
 * run had written but not enqueued. `content` gets the job id (cards need a task id unique per send).
 * Returns how many were reminded now.
 */
export async function remindOnce(
  deps: Deps,
  p: {
    kind: string;
    period: string;
    jobIdBase: string;
    recipients: readonly Recipient[];
    content: (jobId: string) => OutboundContent;
    delay: number;
    /** For metrics and logs; the kind by default. */
    purpose?: string;
  },
): Promise<number> {
  const { Reminder } = deps.models;
  const purpose = p.purpose ?? p.kind;
  let reminded = 0;
  for (const batch of chunk([...p.recipients], MAX_RECIPIENTS_PER_SEND)) {
    const already = new Set(
      (
        await Reminder.find(
          { memberId: { $in: batch.map((r) => r.memberId) }, kind: p.kind, period: p.period },
          { memberId: 1 },
        ).lean()
      ).map((r) => String(r.memberId)),
    );
    const fresh = batch.filter((r) => !already.has(String(r.memberId)));
    if (fresh.length === 0) continue;
    const jobId = `${p.jobIdBase}-${createHash('sha1')
      .update(fresh.map((r) => String(r.memberId)).join(','))
      .digest('hex')
      .slice(0, 20)}`;
    try {
      await Reminder.insertMany(
        fresh.map((r) => ({
          communityId: r.communityId,
          memberId: r.memberId,
          kind: p.kind,
          period: p.period,
          jobId,
          state: 'pending',
        })),
        { ordered: false },
      );
    } catch (error) {
      // Another run reminded some of them meanwhile: send only to those this batch holds.
      if (!isDuplicateWrite(error)) throw error;
    }
    const mine = new Set(
      (await Reminder.find({ jobId }, { memberId: 1 }).lean()).map((r) => String(r.memberId)),
    );
    const touser = fresh.filter((r) => mine.has(String(r.memberId))).map((r) => r.userId);
    if (touser.length === 0) continue;
    await deps.queues.outbound.add(
      purpose,
      { touser, content: p.content(jobId), purpose },
      { jobId, delay: p.delay },
    );
    await Reminder.updateMany({ jobId }, { $set: { state: 'queued' } });
    reminded += touser.length;
  }
  return reminded;
}

/**
 * Re-enqueues reminders of (kind, period) a run wrote but died before enqueueing: same recipients, same job id, so
 * a job that did get enqueued is not added twice. Returns how many.
 */
export async function resendStranded(
  deps: Deps,
  p: {
    kind: string;
    period: string;
    content: (jobId: string) => OutboundContent;
    delay: number;
    purpose?: string;
  },
): Promise<number> {
  const { Reminder, Member } = deps.models;
  const purpose = p.purpose ?? p.kind;
  const stranded = await Reminder.find({ kind: p.kind, period: p.period, state: 'pending' }).lean();
  const byJob = new Map<string, typeof stranded>();
  for (const r of stranded) byJob.set(r.jobId, [...(byJob.get(r.jobId) ?? []), r]);
  let resent = 0;
  for (const [jobId, reminders] of byJob) {
    const users = await Member.find(
      { _id: { $in: reminders.map((r) => r.memberId) } },
      { wecomUserId: 1 },
    ).lean();
    if (users.length > 0) {
      await deps.queues.outbound.add(
        purpose,
        { touser: users.map((u) => u.wecomUserId), content: p.content(jobId), purpose },
        { jobId, delay: p.delay },
      );
    }
    await Reminder.updateMany({ jobId }, { $set: { state: 'queued' } });
    resent += reminders.length;
  }
  return resent;
}
