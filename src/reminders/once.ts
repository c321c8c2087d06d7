import type { Types } from 'mongoose';
import { isDuplicateKeyError } from '../db/duplicate-key.js';
import type { Models } from '../models/index.js';

/**
 * "Exactly once" for reminders and notices: a Reminder per (member, kind, period) is inserted before its
 * outbound job is enqueued under a deterministic id, and a ReminderBatch records that the job is queued.
 * A reminder whose job has no batch document belongs to a run that died in between: re-enqueueing it under
 * the same job id either collapses into the job already queued or sends it for the first time.
 */
export interface ReminderKey {
  kind: string;
  period: string;
}

/** Job ids of this kind and period that are known to be on the outbound queue. */
export async function queuedJobIds(models: Models, key: ReminderKey): Promise<Set<string>> {
  const batches = await models.ReminderBatch.find(key, { jobId: 1 }).lean();
  return new Set(batches.map((b) => b.jobId));
}

/**
 * Claims reminders for `members` under `jobId` and returns the member ids this job owns: all of them,
 * unless some were claimed before. Given the job ids known to be queued, a reminder claimed by a run that
 * died before enqueueing (its job is not among them) is taken over by this job; one claimed by a job that
 * is queued stays with it.
 */
export async function claimReminders(
  models: Models,
  key: ReminderKey,
  jobId: string,
  members: Array<{ memberId: Types.ObjectId; communityId: Types.ObjectId }>,
  queued?: Set<string>,
): Promise<Set<string>> {
  const all = new Set(members.map((m) => String(m.memberId)));
  try {
    await models.Reminder.insertMany(
      members.map(({ memberId, communityId }) => ({ ...key, memberId, communityId, jobId })),
      { ordered: false },
    );
    return all;
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
  }
  if (queued) {
    await models.Reminder.updateMany(
      { ...key, memberId: { $in: members.map((m) => m.memberId) }, jobId: { $nin: [...queued, jobId] } },
      { $set: { jobId } },
    );
  }
  const mine = await models.Reminder.find({ ...key, jobId }, { memberId: 1 }).lean();
  return new Set(mine.map((r) => String(r.memberId)).filter((id) => all.has(id)));
}

export async function markQueued(models: Models, key: ReminderKey, jobId: string): Promise<void> {
  try {
    await models.ReminderBatch.create({ ...key, jobId });
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
  }
}
