import type { Types } from 'mongoose';
import type { Role } from '../domain/member-vocabulary.js';
import type { Models } from '../models/index.js';

/** Who collects when the branch names nobody: the 组织委员 traditionally keeps the dues, else the secretary. */
const COLLECTOR_ROLES: readonly Role[] = ['organiser', 'secretary', 'deputy_secretary'];

/** The member who collects a branch's dues: the one its record names, else its officer by COLLECTOR_ROLES. */
export async function branchCollector(
  models: Models,
  branch: {
    _id: Types.ObjectId;
    communityId: Types.ObjectId;
    dues?: { collectorUserId?: string | null } | null;
  },
) {
  const { Member } = models;
  const named = branch.dues?.collectorUserId
    ? await Member.findOne({ wecomUserId: branch.dues.collectorUserId, communityId: branch.communityId })
    : null;
  if (named) return named;
  const officers = await Member.find({
    branchId: branch._id,
    roles: { $in: COLLECTOR_ROLES },
    status: 'active',
  });
  return COLLECTOR_ROLES.map((r) => officers.find((o) => o.roles.includes(r))).find((o) => o !== undefined);
}
