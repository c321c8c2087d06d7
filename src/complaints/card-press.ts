import { Types } from 'mongoose';
import type { BotContext } from '../bot/context.js';
import { UserError } from '../bot/user-error.js';
import { STATE_LABELS } from '../domain/complaints/lifecycle.js';
import { actorsOf } from './access.js';
import { readCardPayload } from './card.js';
import type { ComplaintDoc } from './changes.js';

export interface PressedCard {
  complaint: ComplaintDoc;
  /** The complaint was reassigned after the card was sent: the card acts for nobody, managers included. */
  stale: boolean;
}

/**
 * The complaint a card button names (its key carries the id), in the presser's community. Cards go to
 * handlers only; one reassigned since still answers its presser (with where the complaint went).
 */
export async function complaintByCard(ctx: BotContext, payload: string): Promise<PressedCard> {
  const { id, clock } = readCardPayload(payload);
  const complaint = Types.ObjectId.isValid(id) ? await ctx.services.models.Complaint.findById(id) : null;
  const community = ctx.sender.community?._id;
  if (!complaint || String(complaint.communityId) !== String(community)) {
    throw new UserError('这张卡片对应的诉求已不存在。');
  }
  return { complaint, stale: clock !== null && clock !== complaint.acceptClock };
}

/**
 * 「诉求 … 已转由孙丽承办」 for a press on a card sent before the complaint was reassigned, or pressed by
 * someone who may not act on it, else null.
 */
export function movedOn(ctx: BotContext, { complaint, stale }: PressedCard): string | null {
  const actors = actorsOf(complaint, ctx.sender);
  if (stale && actors.includes('handler')) {
    return `诉求 ${complaint.number} 已重新交给您，请用最新的卡片，或发「受理 ${complaint.number}」。`;
  }
  if (!stale && (actors.includes('handler') || actors.includes('manager'))) return null;
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
