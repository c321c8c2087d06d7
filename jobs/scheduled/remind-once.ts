import { createHash } from 'node:crypto';
import type { Types } from 'mongoose';
import type { Deps } from '../../src/deps.js';
import type { OutboundContent } from '../../src/queues/definitions.js';
import { enqueueOutbound, MAX_RECIPIENTS_PER_SEND } from '../../src/queues/queues.js';
import { claimReminders, markQueued, queuedJobIds, type ReminderKey } from '../../src/reminders/once.js';
import { chunk } from '../../src/wecom/api/split-text.js';

export interface Recipient {
  memberId: Types.ObjectId;
  communityId: Types.ObjectId;
  userId: string;
}

interface Send extends ReminderKey {
  /** Cards need a task id unique per send: the content is made for its job id. */
  content: (jobId: string) => OutboundContent;
  delay: number;
  /** For metrics and logs; the kind by default. */
  purpose?: string;
}

async function enqueue(deps: Deps, p: Send, jobId: string, touser: string[]): Promise<void> {
  const purpose = p.purpose ?? p.kind;
  await enqueueOutbound(deps.queues.outbound, jobId, { touser, content: p.content(jobId), purpose }, p.delay);
  await markQueued(deps.models, p, jobId);
}

/**
 * Sends one message to each recipient not yet reminded for (kind, period), exactly once
 * (src/reminders/once.ts), under job ids derived from `jobIdBase` and the recipients. For small lists read
 * by `$in` (a session's branch); the monthly dues reminder walks its collections instead. Returns how many
 * were reminded now.
 */
export async function remindOnce(
  deps: Deps,
  p: Send & { jobIdBase: string; recipients: readonly Recipient[] },
): Promise<number> {
  const { Reminder } = deps.models;
  const key = { kind: p.kind, period: p.period };
  let reminded = 0;
  for (const batch of chunk([...p.recipients], MAX_RECIPIENTS_PER_SEND)) {
    const already = new Set(
      (
        await Reminder.find(
          { ...key, memberId: { $in: batch.map((r) => r.memberId) } },
          { memberId: 1 },
        ).lean()
      ).map((r) => String(r.memberId)),
    );
    const fresh = batch.filter((r) => !already.has(String(r.memberId)));
    if (fresh.length === 0) continue;
    const ids = fresh.map((r) => String(r.memberId)).join(',');
    const jobId = `${p.jobIdBase}-${createHash('sha1').update(ids).digest('hex').slice(0, 20)}`;
    const mine = await claimReminders(deps.models, key, jobId, fresh);
    const touser = fresh.filter((r) => mine.has(String(r.memberId))).map((r) => r.userId);
    if (touser.length === 0) continue;
    await enqueue(deps, p, jobId, touser);
    reminded += touser.length;
  }
  return reminded;
}

/**
 * Re-enqueues reminders of (kind, period) a run claimed but died before marking queued: same recipients,
 * same job id, so a job that did get enqueued is not added twice. Returns how many.
 */
export async function resendStranded(deps: Deps, p: Send): Promise<number> {
  const { Reminder, Member } = deps.models;
  const key = { kind: p.kind, period: p.period };
  const queued = await queuedJobIds(deps.models, key);
  const stranded = (await Reminder.find(key, { memberId: 1, jobId: 1 }).lean()).filter(
    (r) => !queued.has(r.jobId),
  );
  const byJob = new Map<string, Types.ObjectId[]>();
  for (const r of stranded) byJob.set(r.jobId, [...(byJob.get(r.jobId) ?? []), r.memberId]);
  for (const [jobId, memberIds] of byJob) {
    const users = await Member.find({ _id: { $in: memberIds } }, { wecomUserId: 1 }).lean();
    // Members deleted since: nothing left to send, but the batch is settled.
    if (users.length === 0) await markQueued(deps.models, key, jobId);
    else
      await enqueue(
        deps,
        p,
        jobId,
        users.map((u) => u.wecomUserId),
      );
  }
  return stranded.length;
}
