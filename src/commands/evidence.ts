import type { Types } from 'mongoose';
import type { BotContext } from '../bot/context.js';
import { UserError } from '../bot/user-error.js';

/**
 * Fetches a photo from WeCom (media ids expire after 3 days) and keeps the bytes. One copy per
 * message: a retried job finds the stored one.
 */
export async function storeEvidence(
  ctx: BotContext,
  image: { mediaId: string; msgId: string },
): Promise<Types.ObjectId> {
  if (ctx.sender.kind !== 'member') throw new UserError('您还没有登记。');
  const { Evidence } = ctx.services.models;
  const communityId = ctx.sender.member.communityId;
  const existing = await Evidence.findOne({ communityId, msgId: image.msgId }, { _id: 1 });
  if (existing) return existing._id as Types.ObjectId;
  const media = await ctx.services.wecom.getMedia(image.mediaId);
  const stored = await Evidence.findOneAndUpdate(
    { communityId, msgId: image.msgId },
    {
      $setOnInsert: {
        memberId: ctx.sender.member._id,
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
  return stored._id as Types.ObjectId;
}
