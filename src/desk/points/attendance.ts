import type { Types } from 'mongoose';
import type { PointEventKind } from '../../domain/points/index.js';
import { monthsSpan, type Outcome, tookPart } from '../../domain/study/index.js';
import { studyFigures } from '../../study/figures.js';
import type { PointQuery, PointSource } from './types.js';

/** Taking part (in the room, 补签, remote or 送学上门) is attending; no record is an unexcused absence; leave is neither. */
const eventOf = (o: Outcome): PointEventKind | null =>
  tookPart(o) ? 'study-attended' : o === 'absent' ? 'absence-unexcused' : null;

/**
 * The sessions in the period that concern the members: their branches' now, those that listed them as expected,
 * and those they have a record of — so a member who changed branch keeps the old one's, and 我的积分 reads one
 * branch's year, not the community's.
 */
async function sessionsOf(q: PointQuery): Promise<Types.ObjectId[]> {
  const { models, communityId, memberIds } = q;
  const [members, records] = await Promise.all([
    models.Member.find({ _id: { $in: memberIds } }, { branchId: 1 }).lean(),
    models.Attendance.find({ communityId, memberId: { $in: memberIds } }, { sessionId: 1 }).lean(),
  ]);
  const branchIds = members.flatMap((m) => (m.branchId ? [m.branchId] : []));
  const { from, to } = monthsSpan(q.months);
  const sessions = await models.StudySession.find(
    {
      communityId,
      date: { $gte: from, $lte: to },
      $or: [
        { branchId: { $in: branchIds } },
        { expectedMemberIds: { $in: memberIds } },
        { _id: { $in: records.map((r) => r.sessionId) } },
      ],
    },
    { _id: 1 },
  ).lean();
  return sessions.map((s) => s._id);
}

/** Study days, from attendance. */
export const attendancePoints: PointSource = {
  id: 'attendance',
  async load(q) {
    if (q.memberIds.length === 0) return [];
    const ids = await sessionsOf(q);
    const f = await studyFigures(
      q.models,
      { communityId: q.communityId, _id: { $in: ids } },
      monthsSpan(q.months),
      q.now,
      q.timeZone,
    );
    const taking = new Set(q.memberIds.map(String));
    return f.records.flatMap((r) => {
      const event = eventOf(r.outcome);
      return event && taking.has(r.memberId) ? [{ memberId: r.memberId, event, quantity: 1 }] : [];
    });
  },
};
