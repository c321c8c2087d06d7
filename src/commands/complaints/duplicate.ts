import { expects } from '../../bot/answers.js';
import { HANDLERS } from '../../bot/audiences.js';
import { UserError } from '../../bot/user-error.js';
import { applyChange } from '../../complaints/changes.js';
import { defineStepCommand } from '../../complaints/step-command.js';
import { findVisible, ticketNumberIn } from '../../complaints/steps.js';
import { isOpen } from '../../domain/complaints/lifecycle.js';

/** 重复 <编号> <原编号>: the same problem as an earlier, still open complaint; its followers follow that one. */
export const markDuplicate = defineStepCommand({
  id: 'complaint.duplicate',
  triggers: ['重复', '标记重复'],
  audience: HANDLERS,
  summary: '把诉求标为重复，并入原来那件办理',
  examples: ['重复 2026-0154 2026-0150'],
  argument: { question: '请写原诉求的编号，例如「2026-0150」。', expects: expects('number', '2026-0150') },
  async request(ctx, complaint, text) {
    const found = ticketNumberIn(text, ctx.now, ctx.timeZone);
    if (!found) throw new UserError('请写原诉求的编号，例如「重复 2026-0154 2026-0150」。');
    const original = await findVisible(ctx, found);
    if (String(original._id) === String(complaint._id)) throw new UserError('不能把诉求标为它自己的重复。');
    if (original.state === 'duplicate') {
      throw new UserError(
        `${original.number} 本身是 ${original.duplicateOfNumber} 的重复，请写 ${original.duplicateOfNumber}。`,
      );
    }
    // A finished original will not be worked on again: the new report needs handling of its own.
    if (!isOpen(original.state)) throw new UserError('原诉求已办结，请按新诉求办理。');
    return {
      step: 'mark_duplicate',
      note: `与 ${original.number} 是同一问题`,
      // Whoever handles the original handles the problem, and so sees this reporter's details.
      set: {
        duplicateOf: original._id,
        duplicateOfNumber: original.number,
        handlerUserId: original.handlerUserId,
        handlerName: original.handlerName,
      },
    };
  },
  /** Everyone who followed the duplicate (its reporter, and those who reported it again) follows the original. */
  async after(ctx, complaint) {
    // Set by this very step (above): a duplicate without its original is a bug, not a user's mistake.
    if (!complaint.duplicateOf) throw new Error(`complaint ${complaint.number} marked duplicate of nothing`);
    await applyChange(
      ctx.services.models,
      complaint.duplicateOf,
      `${ctx.message.dedupeKey}-follow`,
      ctx.now,
      () => ({ update: { $addToSet: { subscribers: { $each: complaint.subscribers } } } }),
    );
  },
  reply: (c) => `已将 ${c.number} 并入 ${c.duplicateOfNumber}，反映人会收到原诉求的办理进展。`,
});
