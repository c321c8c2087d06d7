import { expects } from '../../bot/answers.js';
import { HANDLERS } from '../../bot/audiences.js';
import { defineStepCommand } from '../../complaints/step-command.js';

/** 转办 <编号> <部门>: passed to an outside department (城管, 供热公司 …); the community keeps following it. */
export const referComplaint = defineStepCommand({
  id: 'complaint.refer',
  triggers: ['转办'],
  audience: HANDLERS,
  summary: '把诉求转交外部门办理（写明部门）',
  examples: ['转办 2026-0153 区城管执法队'],
  argument: {
    question: '请写转交的部门，例如「区城管执法队」「热力公司」。',
    expects: expects('text', '区城管执法队'),
  },
  request: (_ctx, _complaint, text) => ({
    step: 'refer',
    note: `转交${text}`,
    set: { referredTo: text },
  }),
  reply: (c) => `已将 ${c.number} 转交${c.referredTo}，已告诉反映人。有结果后请发「办结 ${c.number} 结果」。`,
});
