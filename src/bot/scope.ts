import type { Types } from 'mongoose';
import type { Role } from '../domain/member-vocabulary.js';
import type { Sender } from './sender.js';
import { UserError } from './user-error.js';

/** Roles that see the whole community; the other officer roles see their own branch. */
const COMMUNITY_WIDE: readonly Role[] = ['admin', 'staff'];

export interface Scope {
  filter: { communityId: Types.ObjectId; branchId?: Types.ObjectId | null };
  /** Shown in replies so nobody mistakes branch figures for the community's: 本支部, 全社区, or its name. */
  label: string;
}

/** What an officer's queries may see, decided from our records only. */
export function officerScope(sender: Sender): Scope {
  if (sender.kind !== 'member') throw new UserError('您还没有登记。');
  const { member, roles } = sender;
  const communityId = member.communityId;
  if (roles.some((r) => COMMUNITY_WIDE.includes(r))) return { filter: { communityId }, label: '全社区' };
  return {
    filter: { communityId, branchId: member.branchId ?? null },
    label: '本支部',
  };
}
