import type { Types } from 'mongoose';
import { type EvidenceOwner, storeEvidence } from '../activities/evidence.js';
import type { BotContext } from '../bot/context.js';
import type { HeldMedia } from '../bot/held-media.js';
import type { ComplaintPhoto } from '../models/complaint.js';
import { photoOwner } from './reporter.js';

/** Photos that came with a step, fetched and kept (WeCom's media ids expire after 3 days). */
export async function storePhotos(
  ctx: BotContext,
  owner: EvidenceOwner,
  held: readonly HeldMedia[],
): Promise<ComplaintPhoto[]> {
  const photos: ComplaintPhoto[] = [];
  for (const m of held) {
    if (m.kind === 'image') photos.push({ evidenceId: await storeEvidence(ctx, m, owner), msgId: m.msgId });
  }
  return photos;
}

/** Photos the person sent just before this step (held by the engine) belong to it. */
export async function takeHeldPhotos(
  ctx: BotContext,
  communityId: Types.ObjectId,
): Promise<ComplaintPhoto[]> {
  const held = await ctx.services.held.take(ctx.message.fromUser);
  if (!held.some((m) => m.kind === 'image')) return [];
  return storePhotos(ctx, await photoOwner(ctx, communityId), held);
}
