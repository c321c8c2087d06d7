/** Who a branch's study days concern: the members expected, and the officers told about leave and results. */

import type { Types } from 'mongoose';
import type { MemberStatus, Role } from '../domain/member-vocabulary.js';
import type { Models } from '../models/index.js';

const EXPECTED_ROLES: Role[] = ['member'];
const EXPECTED_STATUSES: MemberStatus[] = ['active', 'mobile'];

/** Members in good standing, including 流动党员 (they take part remotely); not staff, suspended or gone. */
export const EXPECTED = { roles: { $in: EXPECTED_ROLES }, status: { $in: EXPECTED_STATUSES } };

/** The same test as EXPECTED, for a member already read. */
export const isExpected = (m: { roles: readonly Role[]; status: MemberStatus }): boolean =>
  m.roles.some((r) => EXPECTED_ROLES.includes(r)) && EXPECTED_STATUSES.includes(m.status);

export interface Attendee {
  _id: Types.ObjectId;
  name: string;
  wecomUserId: string;
  status: string;
  plainTextOnly: boolean;
}

export async function expectedMembers(models: Models, branchId: Types.ObjectId): Promise<Attendee[]> {
  const members = await models.Member.find(
    { branchId, ...EXPECTED },
    { name: 1, wecomUserId: 1, status: 1, plainTextOnly: 1 },
  ).lean();
  return members.map((m) => ({
    _id: m._id,
    name: m.name,
    wecomUserId: m.wecomUserId,
    status: m.status,
    plainTextOnly: m.plainTextOnly ?? false,
  }));
}

/** The branch's secretary and deputies (WeCom userids): they hear about leave, results and absences. */
export async function branchOfficers(models: Models, branchId: Types.ObjectId): Promise<string[]> {
  const officers = await models.Member.find(
    {
      branchId,
      roles: { $in: ['secretary', 'deputy_secretary'] },
      status: { $in: ['active', 'mobile'] },
    },
    { wecomUserId: 1 },
  ).lean();
  return officers.map((o) => o.wecomUserId);
}
