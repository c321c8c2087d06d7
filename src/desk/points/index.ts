import type { Types } from 'mongoose';
import type { MemberStatus, Role } from '../../domain/member-vocabulary.js';
import {
  exclusionReason,
  type PointRules,
  type RankedPoints,
  rankMembers,
} from '../../domain/points/index.js';
import { civilToday, isoDate } from '../../domain/text/calendar.js';
import type { YearMonth } from '../../domain/text/index.js';
import type { Models } from '../../models/index.js';
import { activityPoints } from './activities.js';
import { attendancePoints } from './attendance.js';
import { duesPoints } from './dues.js';
import type { PointSource } from './types.js';

/** Every kind of record that counts, each one PointSource module. */
export const POINT_SOURCES: readonly PointSource[] = [activityPoints, duesPoints, attendancePoints];

/** Members who can hold points (the excluded are filtered by the rule table, not here). */
const LISTED_STATUSES: MemberStatus[] = ['active', 'mobile', 'suspended'];
/** Points are for Party members; staff and others on the roster hold none. */
const LISTED_ROLES: Role[] = ['member'];

export interface PointsBoard {
  /** Highest first, with names. */
  ranked: Array<RankedPoints & { name: string }>;
  /** Left out by the rule table, with why. */
  excluded: Array<{ memberId: string; name: string; reason: string }>;
}

/** Points of every member a filter selects (a branch, a community) over some months, from their records. */
export async function pointsBoard(
  models: Models,
  filter: { communityId: Types.ObjectId; branchId?: Types.ObjectId | null },
  months: YearMonth[],
  rules: PointRules,
  at: { now: Date; timeZone: string },
): Promise<PointsBoard> {
  const members = await models.Member.find(
    { ...filter, roles: { $in: LISTED_ROLES }, status: { $in: LISTED_STATUSES } },
    { name: 1, status: 1, duesCategory: 1, mobility: 1 },
  ).lean();
  const today = isoDate(civilToday(at.now, at.timeZone));
  const excluded: PointsBoard['excluded'] = [];
  const taking: typeof members = [];
  for (const m of members) {
    const reason = exclusionReason(m, rules, today);
    if (reason) excluded.push({ memberId: String(m._id), name: m.name, reason });
    else taking.push(m);
  }
  const query = {
    models,
    communityId: filter.communityId,
    memberIds: taking.map((m) => m._id),
    months,
    now: at.now,
    timeZone: at.timeZone,
  };
  const events = (await Promise.all(POINT_SOURCES.map((s) => s.load(query)))).flat();
  const names = new Map(taking.map((m) => [String(m._id), m.name]));
  const ranked = rankMembers([...names.keys()], events, rules).map((r) => ({
    ...r,
    name: names.get(r.memberId) ?? '',
  }));
  return { ranked, excluded };
}
