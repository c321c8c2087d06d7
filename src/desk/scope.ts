import { officerScope, type Scope } from '../bot/scope.js';
import type { Sender } from '../bot/sender.js';
import type { Models } from '../models/index.js';

/** What a desk figure covers: a branch or the community, with the name printed on what is produced. */
export interface DeskScope {
  filter: Scope['filter'];
  /** 本支部 / 全社区, as the replies say it. */
  label: string;
  /** 居民第一支部 / 幸福里社区, as a ledger's title or a 党务公开 notice names it. */
  name: string;
}

/** Everything a desk section, chart or spreadsheet may read. */
export interface DeskQuery {
  models: Models;
  scope: DeskScope;
  now: Date;
  timeZone: string;
}

/** The asker's branch, or the community for staff and admins (officerScope decides). */
export async function deskScopeOf(models: Models, sender: Sender): Promise<DeskScope> {
  const scope = officerScope(sender);
  const branchId = scope.filter.branchId;
  if (branchId === undefined) return { ...scope, name: sender.community?.name ?? '全社区' };
  const branch = branchId ? await models.Branch.findById(branchId, { name: 1 }).lean() : null;
  return { ...scope, name: branch?.name ?? '未分支部' };
}
