import { type Attachment, AttachmentStore, enqueueAttachment } from '../queues/attachments.js';
import type { BotContext } from './context.js';

/**
 * Sends the asker a chart or spreadsheet, after a caption. The job id comes from the message, like ctx.reply's,
 * so a retried inbound job sends it once.
 */
export async function replyWithAttachment(
  ctx: BotContext,
  attachment: Attachment,
  caption: string,
): Promise<void> {
  const { outbound, redis } = ctx.services;
  await enqueueAttachment(
    outbound,
    new AttachmentStore(redis),
    `reply-${ctx.message.dedupeKey}-${attachment.kind}`,
    {
      touser: [ctx.message.fromUser],
      attachment,
      caption,
      purpose: 'reply',
    },
  );
}
