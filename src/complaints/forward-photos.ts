import type { BotContext } from '../bot/context.js';
import { type PhotoAudience, photoAudience } from '../domain/complaints/photo-audience.js';
import type { ComplaintHistoryEntry, ComplaintPhoto } from '../models/complaint.js';
import { AttachmentStore, enqueueAttachment } from '../queues/attachments.js';
import type { ComplaintDoc } from './changes.js';

/**
 * Sends the photos of a step to those who must see them (photoAudience) as image messages, from the bytes
 * the evidence store already keeps. One job per photo, named by its message: a retried step sends none twice.
 * Returns the audience, or null when nobody was sent anything.
 */
export async function forwardPhotos(
  ctx: BotContext,
  complaint: ComplaintDoc,
  entry: Pick<ComplaintHistoryEntry, 'step' | 'byUserId'>,
  photos: readonly ComplaintPhoto[],
): Promise<PhotoAudience | null> {
  const audience = photoAudience(complaint, entry);
  const touser = audience?.to.filter((u) => u !== '' && u !== ctx.message.fromUser) ?? [];
  if (!audience || touser.length === 0 || photos.length === 0) return null;
  const { models, outbound, redis } = ctx.services;
  const stored = await models.Evidence.find({ _id: { $in: photos.map((p) => p.evidenceId) } });
  const store = new AttachmentStore(redis);
  for (const photo of photos) {
    const evidence = stored.find((e) => e._id.equals(photo.evidenceId));
    if (!evidence) {
      ctx.log.warn({ msgId: photo.msgId }, 'complaint photo without stored evidence; not forwarded');
      continue;
    }
    const extension = evidence.contentType === 'image/png' ? 'png' : 'jpg';
    await enqueueAttachment(outbound, store, `cpl-photo-${photo.msgId}`, {
      touser,
      attachment: {
        kind: 'image',
        filename: evidence.filename ?? `${photo.msgId}.${extension}`,
        contentType: evidence.contentType,
        data: evidence.data,
      },
      caption: audience.caption,
      purpose: 'complaint-photo',
    });
  }
  return { ...audience, to: touser };
}
