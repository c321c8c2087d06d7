import type { Types } from 'mongoose';
import type { BotContext } from '../bot/context.js';
import { UserError } from '../bot/user-error.js';

/** Whose photo it is: a member's, or a resident's sent with a complaint. */
export type EvidenceOwner =
  | { communityId: Types.ObjectId; memberId: Types.ObjectId }
  | { communityId: Types.ObjectId; residentId: Types.ObjectId };

function senderAsOwner(ctx: BotContext): EvidenceOwner {
  if (ctx.sender.kind !== 'member') throw new UserError('您还没有登记。');
  const { member } = ctx.sender;
  return { communityId: member.communityId, memberId: member._id };
}

/**
 * Fetches a photo from WeCom (media ids expire after 3 days) and keeps the bytes. One copy per
 * message: a retried job finds the stored one.
 */
export async function storeEvidence(
  ctx: BotContext,
  image: { mediaId: string; msgId: string },
  owner: EvidenceOwner = senderAsOwner(ctx),
): Promise<Types.ObjectId> {
  const { Evidence } = ctx.services.models;
  const { communityId, ...who } = owner;
  const existing = await Evidence.exists({ communityId, msgId: image.msgId });
  if (existing) return existing._id;
  const media = await ctx.services.wecom.getMedia(image.mediaId);
  const stored = await Evidence.findOneAndUpdate(
    { communityId, msgId: image.msgId },
    {
      $setOnInsert: {
        ...who,
        mediaId: image.mediaId,
        contentType: media.contentType,
        filename: media.filename,
        size: media.data.length,
        data: media.data,
      },
    },
    { upsert: true, returnDocument: 'after' }, // no projection: FerretDB 1.x refuses one on findAndModify
  );
  if (!stored) throw new Error('evidence upsert returned nothing');
  return stored._id;
}
