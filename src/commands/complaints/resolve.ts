import { expects } from '../../bot/answers.js';
import { HANDLERS } from '../../bot/audiences.js';
import { takeHeldPhotos } from '../../complaints/photos.js';
import { defineStepCommand } from '../../complaints/step-command.js';

/** 办结 <编号> <结果>: the reporter hears the result and is asked to rate it. Photos sent with it attach. */
export const resolveComplaint = defineStepCommand({
  id: 'complaint.resolve',
  triggers: ['办结'],
  audience: HANDLERS,
  summary: '诉求办好了：写明结果（可附照片），反映人会收到并评价',
  examples: ['办结 2026-0153 已疏通下水道，恢复正常'],
  argument: {
    question: '请写办理结果，例如「已疏通下水道，恢复正常」。',
    expects: expects('text', '已疏通下水道，恢复正常'),
  },
  async request(ctx, complaint, text) {
    const photos = await takeHeldPhotos(ctx, complaint.communityId);
    return { step: 'resolve', note: text, photos };
  },
  reply: (c, entry) =>
    `已办结 ${c.number}，已告诉反映人并请其评价。${entry.photos.length > 0 ? `已附上${entry.photos.length}张照片。` : ''}10分钟内发来的照片会附到办结记录上。`,
});
