/**
 * Study-day attendance for a scope and a date range, for whoever reports on it (考勤, the secretary's 月报, charts,
 * the attendance spreadsheet, points). Only sessions that were held and have ended by `now` count; cancelled and
 * moved-away days are left out. Columns:
 *   signed  — present: signed in, or 补签 by the secretary
 *   remote  — studied elsewhere: 已学习 (remote) or 送学上门 (home_delivered)
 *   leave   — asked leave
 *   absent  — expected, and no record at all
 * "Expected" is the list fixed when the session's summary went out, else the branch's members in good standing
 * today. Records keep the exact kind, so a consumer can weigh 补签 or 送学上门 differently.
 */

import type { Types } from 'mongoose';
import { type Outcome, outcomes, type Tally, tally } from '../domain/study/index.js';
import type { IsoDate } from '../domain/text/index.js';
import type { Models } from '../models/index.js';
import { expectedMembers } from './roster.js';
import { endOf, type SessionDoc, type SessionFilter } from './sessions.js';

export interface SessionFigures {
  sessionId: string;
  date: IsoDate;
  time: string;
  branchId: string;
  branchName: string;
  expected: number;
  signed: number;
  leave: number;
  remote: number;
  absent: number;
}

export interface MemberAttendance {
  memberId: string;
  memberName: string;
  sessionId: string;
  date: IsoDate;
  branchId: string;
  outcome: Outcome;
}

export interface StudyFigures {
  /** In date order. */
  sessions: SessionFigures[];
  /** One per expected member and session. */
  records: MemberAttendance[];
}

/** Who a session expects: its fixed list, or the branch's members now (cached per branch for one call). */
async function expectedOf(
  models: Models,
  session: SessionDoc,
  byBranch: Map<string, Promise<Types.ObjectId[]>>,
): Promise<Types.ObjectId[]> {
  if (session.expectedMemberIds) return session.expectedMemberIds;
  const key = String(session.branchId);
  if (!byBranch.has(key)) {
    byBranch.set(
      key,
      expectedMembers(models, session.branchId).then((ms) => ms.map((m) => m._id)),
    );
  }
  return byBranch.get(key)!;
}

export async function studyFigures(
  models: Models,
  scope: SessionFilter,
  range: { from: IsoDate; to: IsoDate },
  now: Date,
  timeZone: string,
): Promise<StudyFigures> {
  const held = (
    await models.StudySession.find({
      ...scope,
      status: 'scheduled',
      date: { $gte: range.from, $lte: range.to },
    }).sort({
      date: 1,
      time: 1,
    })
  ).filter((s) => endOf(s, timeZone) <= now);
  if (held.length === 0) return { sessions: [], records: [] };

  const attendance = await models.Attendance.find(
    { sessionId: { $in: held.map((s) => s._id) } },
    { sessionId: 1, memberId: 1, kind: 1 },
  ).lean();
  const bySession = new Map<string, Array<{ memberId: string; kind: (typeof attendance)[number]['kind'] }>>();
  for (const a of attendance) {
    const list = bySession.get(String(a.sessionId)) ?? [];
    list.push({ memberId: String(a.memberId), kind: a.kind });
    bySession.set(String(a.sessionId), list);
  }

  const cache = new Map<string, Promise<Types.ObjectId[]>>();
  const results = await Promise.all(
    held.map(async (s) => {
      const expected = (await expectedOf(models, s, cache)).map(String);
      return { session: s, results: outcomes(expected, bySession.get(String(s._id)) ?? []) };
    }),
  );
  const memberIds = [...new Set(results.flatMap((r) => [...r.results.keys()]))];
  const [members, branches] = await Promise.all([
    models.Member.find({ _id: { $in: memberIds } }, { name: 1 }).lean(),
    models.Branch.find({ _id: { $in: held.map((s) => s.branchId) } }, { name: 1 }).lean(),
  ]);
  const memberName = new Map(members.map((m) => [String(m._id), m.name]));
  const branchName = new Map(branches.map((b) => [String(b._id), b.name]));

  const sessions: SessionFigures[] = results.map(({ session: s, results: r }) => {
    const t: Tally = tally(r.values());
    return {
      sessionId: String(s._id),
      date: s.date as IsoDate,
      time: s.time,
      branchId: String(s.branchId),
      branchName: branchName.get(String(s.branchId)) ?? '',
      expected: t.expected,
      signed: t.present,
      leave: t.leave,
      remote: t.remote,
      absent: t.absent,
    };
  });
  const records: MemberAttendance[] = results.flatMap(({ session: s, results: r }) =>
    [...r].map(([memberId, outcome]) => ({
      memberId,
      memberName: memberName.get(memberId) ?? '（已不在名册）',
      sessionId: String(s._id),
      date: s.date as IsoDate,
      branchId: String(s.branchId),
      outcome,
    })),
  );
  return { sessions, records };
}

/** Fixes who a session expected, once (the summary does this), so later roster changes keep its figures. */
export async function fixExpected(models: Models, session: SessionDoc): Promise<Types.ObjectId[]> {
  if (session.expectedMemberIds) return session.expectedMemberIds;
  const ids = (await expectedMembers(models, session.branchId)).map((m) => m._id);
  await models.StudySession.updateOne(
    { _id: session._id, expectedMemberIds: null },
    { $set: { expectedMemberIds: ids } },
  );
  return (await models.StudySession.findById(session._id))?.expectedMemberIds ?? ids;
}
