import type { Types } from 'mongoose';
import type { Models } from '../models/index.js';

/** An officer's view, as src/bot/scope.ts decides it: the community, or one branch. */
export interface ComplaintScope {
  communityId: Types.ObjectId;
  branchId?: Types.ObjectId | null;
}

/**
 * Complaints are community-wide (they belong to grids, not branches). A branch's view is the complaints of
 * the grids its members lead, plus those its members are handling now — what the branch secretary
 * answers for. Without a branch: the whole community.
 */
export async function complaintFilter(
  models: Models,
  scope: ComplaintScope,
): Promise<Record<string, unknown>> {
  if (scope.branchId === undefined) return { communityId: scope.communityId };
  const members = await models.Member.find(
    { communityId: scope.communityId, branchId: scope.branchId },
    { wecomUserId: 1 },
  ).lean();
  const userIds = members.map((m) => m.wecomUserId);
  const grids = await models.Grid.find(
    { communityId: scope.communityId, leaderUserId: { $in: userIds } },
    { _id: 1 },
  ).lean();
  return {
    communityId: scope.communityId,
    $or: [{ gridId: { $in: grids.map((g) => g._id) } }, { handlerUserId: { $in: userIds } }],
  };
}
