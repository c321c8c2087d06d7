import { OVERSEERS } from '../bot/audiences.js';
import type { BotContext } from '../bot/context.js';
import { officerScope } from '../bot/scope.js';
import { OPEN_STATES } from '../domain/complaints/lifecycle.js';
import { communityOf } from './reporter.js';
import { complaintFilter } from './scope.js';

/** Lists stop here: the reply says how many more there are. */
export const SHOWN = 20;

/**
 * The open complaints someone answers for: an officer's scope (the community, or the grids of their
 * branch), or for a grid leader the ones assigned to them. Earliest deadline first.
 */
export async function openComplaintsFor(ctx: BotContext, extra: Record<string, unknown> = {}) {
  const { models } = ctx.services;
  const overseer = ctx.sender.kind === 'member' && ctx.sender.roles.some((r) => OVERSEERS.includes(r));
  const scope = overseer ? officerScope(ctx.sender) : null;
  const filter = scope
    ? await complaintFilter(models, scope.filter)
    : { communityId: communityOf(ctx)._id, handlerUserId: ctx.sender.userId };
  const list = await models.Complaint.find({ $and: [filter, { state: { $in: OPEN_STATES } }, extra] })
    .sort({ resolveDeadline: 1 })
    .limit(500);
  return { list, label: scope?.label ?? '交给我的' };
}
