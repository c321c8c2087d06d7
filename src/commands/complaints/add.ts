import { expects } from '../../bot/answers.js';
import type { BotContext } from '../../bot/context.js';
import { actorsOf } from '../../complaints/access.js';
import type { ComplaintDoc } from '../../complaints/changes.js';
import { ADD_COMMAND_ID, PHONE_ANSWER } from '../../complaints/follow-ups.js';
import { PHONE_DECLINED, PHONE_LEFT } from '../../complaints/messages.js';
import { takeHeldPhotos } from '../../complaints/photos.js';
import { defineStepCommand } from '../../complaints/step-command.js';
import { supplementStep } from '../../domain/complaints/lifecycle.js';
import { declinesPhone, mobileIn, withoutPhones } from '../../domain/complaints/phones.js';

/**
 * The reporter's answer to the handler's request for a phone: their mobile is kept in reporter.phone and on their
 * resident record, never in the note others read; without one, the reply may decline. Other numbers a 补充
 * carries (a neighbour's) are only taken out of the note.
 */
async function reporterPhone(ctx: BotContext, complaint: ComplaintDoc, text: string) {
  const answer = text.startsWith(PHONE_ANSWER);
  const rest = answer ? text.slice(PHONE_ANSWER.length).trim() : text;
  if (!answer || ctx.sender.userId !== complaint.reporter.userId) return { note: rest };
  const phone = mobileIn(rest);
  if (!phone) return { note: declinesPhone(rest) ? PHONE_DECLINED : rest };
  if (complaint.reporter.kind === 'resident')
    await ctx.services.models.Resident.updateOne({ _id: complaint.reporter.personId }, { $set: { phone } });
  const more = withoutPhones(rest);
  return { note: more ? `${PHONE_LEFT}。${more}` : PHONE_LEFT, set: { 'reporter.phone': phone } };
}

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
    const { note, set } = await reporterPhone(ctx, complaint, text);
    return {
      step: (c) => supplementStep(c.state, actorsOf(c, ctx.sender)),
      note,
      photos,
      ...(set && { set: set as Record<string, unknown> }),
    };
  },
  reply: (c, entry) => {
    if (entry.step === 'progress') return `已把进展告诉反映人（${c.number}）。`;
    if (entry.note.startsWith(PHONE_LEFT)) return `谢谢！电话已转给承办人${c.handlerName}，会尽快联系您。`;
    if (entry.note === PHONE_DECLINED) return '好的，不留也没关系。有进展我会在这里告诉您。';
    return `已补充到 ${c.number}${entry.byUserId === c.handlerUserId ? '' : `，已转告承办人${c.handlerName}`}。`;
  },
});
