import { createHash } from 'node:crypto';
import type { Types } from 'mongoose';
import type { Deps } from '../../src/deps.js';
import { enqueueOutbound } from '../../src/queues/queues.js';
import { fanoutDelayMs } from '../../src/queues/send-timing.js';
import { claimReminders, markQueued, queuedJobIds } from '../../src/reminders/once.js';

/** Every branch with its ids, and its secretary and deputies (WeCom userids and member ids). */
export async function branchesWithOfficers(deps: Deps) {
  const { models } = deps;
  const branches = await models.Branch.find({}).lean();
  const officers = await models.Member.find(
    { roles: { $in: ['secretary', 'deputy_secretary'] }, status: { $in: ['active', 'mobile'] } },
    { wecomUserId: 1, branchId: 1 },
  ).lean();
  return branches.map((branch) => {
    const mine = officers.filter((o) => String(o.branchId) === String(branch._id));
    return {
      branch,
      scope: { communityId: branch.communityId, branchId: branch._id },
      officers: mine.map((o) => o.wecomUserId),
      officerIds: mine.map((o) => o._id),
    };
  });
}

/**
 * Sends `text` to a branch's officers once per (subject, kind, period) (src/reminders/once.ts): a Reminder
 * per subject member is claimed first, and only subjects not yet in a queued notice make the message.
 * Returns how many were new.
 */
export async function noticeOnce(
  deps: Deps,
  p: {
    branchId: Types.ObjectId;
    officers: string[];
    kind: string;
    period: string;
    subjects: Types.ObjectId[];
    communityId: Types.ObjectId;
    at: Date;
    /** Names the notice's outbound job (e.g. one per officer); by default the branch, period and subjects. */
    jobId?: string;
  },
  text: (fresh: Set<string>) => string,
): Promise<number> {
  if (p.officers.length === 0 || p.subjects.length === 0) return 0;
  const { models } = deps;
  const key = { kind: p.kind, period: p.period };
  const queued = await queuedJobIds(models, key);
  const known = new Set(
    (await models.Reminder.find({ ...key, memberId: { $in: p.subjects } }, { memberId: 1, jobId: 1 }).lean())
      .filter((r) => queued.has(r.jobId))
      .map((r) => String(r.memberId)),
  );
  const fresh = p.subjects.filter((s) => !known.has(String(s)));
  if (fresh.length === 0) return 0;
  // Subjects found later in the same period make a notice of their own, under an id of its own.
  const subjects = createHash('sha1').update(fresh.map(String).sort().join(',')).digest('hex').slice(0, 16);
  const jobId = p.jobId ?? `${p.kind}-${p.period}-${String(p.branchId)}-${subjects}`;
  const mine = await claimReminders(
    models,
    key,
    jobId,
    fresh.map((memberId) => ({ memberId, communityId: p.communityId })),
    queued,
  );
  const owned = fresh.filter((s) => mine.has(String(s)));
  if (owned.length === 0) return 0;
  await enqueueOutbound(
    deps.queues.outbound,
    jobId,
    {
      touser: p.officers,
      content: { type: 'text', content: text(new Set(owned.map(String))) },
      purpose: p.kind,
    },
    fanoutDelayMs(p.at),
  );
  await markQueued(models, key, jobId);
  return owned.length;
}

export type BranchWithOfficers = Awaited<ReturnType<typeof branchesWithOfficers>>[number];

/** A notice to a branch's officers about some members (see noticeOnce); `text` is told which are new. */
export interface BranchNotice {
  kind: string;
  period: string;
  subjects: Types.ObjectId[];
  text: (fresh: Set<string>) => string;
}

/**
 * Every branch's notices, as `noticesFor` finds them, each sent to the branch's officers once per subject,
 * kind and period. Returns, notice by notice, how many of its subjects were new.
 */
export async function noticeEachBranch(
  deps: Deps,
  at: Date,
  noticesFor: (branch: BranchWithOfficers) => Promise<BranchNotice[]>,
): Promise<number[]> {
  const counts: number[] = [];
  for (const branch of await branchesWithOfficers(deps)) {
    for (const { text, ...notice } of await noticesFor(branch)) {
      counts.push(
        await noticeOnce(deps, { ...branch.scope, officers: branch.officers, ...notice, at }, text),
      );
    }
  }
  return counts;
}

/** The lines of the members a notice is new about, in order, joined with 、. */
export const freshLines = <T>(
  fresh: Set<string>,
  members: readonly T[],
  idOf: (member: T) => string,
  line: (member: T) => string,
): string =>
  members
    .filter((m) => fresh.has(idOf(m)))
    .map(line)
    .join('、');

export const total = (counts: readonly number[]): number => counts.reduce((a, b) => a + b, 0);
