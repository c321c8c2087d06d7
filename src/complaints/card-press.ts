import { Types } from 'mongoose';
import type { BotContext } from '../bot/context.js';
import { UserError } from '../bot/user-error.js';
import { STATE_LABELS } from '../domain/complaints/lifecycle.js';
import { actorsOf } from './access.js';
import type { ComplaintDoc } from './changes.js';

/**
 * The complaint a card button names (its key carries the id), in the presser's community. Cards go to
 * handlers only; one reassigned since still answers its presser (with where the complaint went).
 */
export async function complaintByCard(ctx: BotContext, payload: string): Promise<ComplaintDoc> {
  const complaint = Types.ObjectId.isValid(payload)
    ? await ctx.services.models.Complaint.findById(payload)
    : null;
  const community = ctx.sender.community?._id;
  if (!complaint || String(complaint.communityId) !== String(community)) {
    throw new UserError('这张卡片对应的诉求已不存在。');
  }
  return complaint;
}

/** 「诉求 … 已转由孙丽承办」 for a press on a card whose complaint has another handler now, else null. */
export function movedOn(ctx: BotContext, complaint: ComplaintDoc): string | null {
  const actors = actorsOf(complaint, ctx.sender);
  if (actors.includes('handler') || actors.includes('manager')) return null;
  return `诉求 ${complaint.number} 已转由${complaint.handlerName}承办，您不用再办理了。`;
}

/**
 * Greys out the presser's copy of the card with where the complaint stands now (已受理, or 已转派 when it
 * has gone to someone else). The response code works once; a failure here must not undo the step.
 */
export async function updatePressedCard(ctx: BotContext, complaintId: Types.ObjectId, responseCode: string) {
  const now = await ctx.services.models.Complaint.findById(complaintId, {
    state: 1,
    handlerUserId: 1,
  }).lean();
  if (!now) return;
  const replaceName = now.handlerUserId === ctx.sender.userId ? STATE_LABELS[now.state] : '已转派';
  try {
    await ctx.services.wecom.updateTemplateCard({ userids: [ctx.sender.userId], responseCode, replaceName });
  } catch (error) {
    ctx.log.warn({ err: error }, 'could not update the complaint card');
  }
}
