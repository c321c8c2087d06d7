import { Types } from 'mongoose';
import type { BotContext } from '../bot/context.js';
import { UserError } from '../bot/user-error.js';
import { STATE_LABELS } from '../domain/complaints/lifecycle.js';
import { mayView } from './access.js';
import type { ComplaintDoc } from './changes.js';

/** The complaint a card button names (its key carries the id). */
export async function complaintByCard(ctx: BotContext, payload: string): Promise<ComplaintDoc> {
  const complaint = Types.ObjectId.isValid(payload)
    ? await ctx.services.models.Complaint.findById(payload)
    : null;
  if (!complaint || !mayView(complaint, ctx.sender)) throw new UserError('这张卡片对应的诉求已不存在。');
  return complaint;
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
