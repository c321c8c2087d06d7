import { expects } from '../../bot/answers.js';
import { actorsOf } from '../../complaints/access.js';
import { ADD_COMMAND_ID } from '../../complaints/follow-ups.js';
import { takeHeldPhotos } from '../../complaints/photos.js';
import { defineStepCommand } from '../../complaints/step-command.js';
import { supplementStep } from '../../domain/complaints/lifecycle.js';

/**
 * 补充 <编号> <内容>: from the reporter, more information for the handler; from the handler, news on the
 * work, which the reporter hears (and the complaint is then 办理中).
 */
export const addToComplaint = defineStepCommand({
  id: ADD_COMMAND_ID,
  triggers: ['补充'],
  audience: 'anyone',
  summary: '给自己反映的问题补充情况（承办人用来反馈进展）',
  examples: ['补充 2026-0153 今天早上又返水了'],
  argument: { question: '请写要补充的内容。', expects: expects('text', '今天又返水了') },
  async request(ctx, complaint, text) {
    const photos = await takeHeldPhotos(ctx, complaint.communityId);
    return { step: (c) => supplementStep(c.state, actorsOf(c, ctx.sender)), note: text, photos };
  },
  reply: (c, entry) =>
    entry.step === 'progress'
      ? `已把进展告诉反映人（${c.number}）。`
      : `已补充到 ${c.number}${entry.byUserId === c.handlerUserId ? '' : `，已转告承办人${c.handlerName}`}。`,
});
