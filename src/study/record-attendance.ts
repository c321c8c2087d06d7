/** Writes a member's one record for a session, whoever records it. */

import type { HydratedDocument, Types } from 'mongoose';
import { isDuplicateKeyError } from '../db/duplicate-key.js';
import { type AttendanceKind, mayReplace } from '../domain/study/index.js';
import type { Models } from '../models/index.js';
import type { Attendance, StudySession } from '../models/study.js';

export type AttendanceDoc = HydratedDocument<Attendance>;

export type RecordOutcome =
  | { result: 'created' | 'replaced'; record: AttendanceDoc; previous: AttendanceKind | null }
  /** Something that may not be overwritten was there already (e.g. 签到 after 签到): shown to the person. */
  | { result: 'kept'; record: AttendanceDoc };

/**
 * Inserts the record, or — when one exists — overwrites it if the domain allows (mayReplace). The unique index on
 * (session, member) makes two simultaneous sign-ins one record; the overwrite is conditional on the kind it read,
 * so a concurrent change is not lost silently.
 */
export async function recordAttendance(
  models: Models,
  p: {
    session: StudySession & { _id: Types.ObjectId };
    memberId: Types.ObjectId;
    kind: AttendanceKind;
    reason?: string;
    byMemberId: Types.ObjectId;
    at: Date;
    /** The inbound message recording it: a retry of the same message returns what it wrote the first time. */
    sourceKey: string;
  },
): Promise<RecordOutcome> {
  const fields = {
    kind: p.kind,
    reason: p.reason ?? '',
    byMemberId: p.byMemberId,
    at: p.at,
    sourceKey: p.sourceKey,
  };
  try {
    const record = await models.Attendance.create({
      communityId: p.session.communityId,
      branchId: p.session.branchId,
      sessionId: p.session._id,
      memberId: p.memberId,
      ...fields,
      previousKind: null,
    });
    return { result: 'created', record, previous: null };
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
  }
  for (let attempt = 0; attempt < 3; attempt++) {
    const existing = await models.Attendance.findOne({ sessionId: p.session._id, memberId: p.memberId });
    if (!existing) break;
    if (existing.sourceKey === p.sourceKey) {
      const previous = existing.previousKind ?? null;
      return { result: previous ? 'replaced' : 'created', record: existing, previous };
    }
    if (!mayReplace(existing.kind, p.kind)) return { result: 'kept', record: existing };
    const previous = existing.kind;
    const { modifiedCount } = await models.Attendance.updateOne(
      { _id: existing._id, kind: previous },
      { $set: { ...fields, previousKind: previous } },
    );
    if (modifiedCount === 1 || previous === p.kind) {
      const record = (await models.Attendance.findById(existing._id)) ?? existing;
      return { result: 'replaced', record, previous };
    }
  }
  throw new Error(`attendance for session ${String(p.session._id)} kept changing; giving up`);
}
