import { expects } from '../../bot/answers.js';
import { HANDLERS } from '../../bot/audiences.js';
import { defineStepCommand } from '../../complaints/step-command.js';

/** 不予受理 <编号> <原因>: the reason is required and told to the reporter. */
export const rejectComplaint = defineStepCommand({
  id: 'complaint.reject',
  triggers: ['不予受理'],
  audience: HANDLERS,
  summary: '不予受理一件诉求（必须写明原因）',
  examples: ['不予受理 2026-0153 属于住户家中自有设施，请联系物业有偿维修'],
  argument: { question: '不予受理需要写明原因，请写原因。', expects: expects('text', '属于私人财产纠纷') },
  request: (_ctx, _complaint, text) => ({ step: 'reject', note: text }),
  reply: (c) => `${c.number} 已不予受理，原因已告诉反映人。`,
});
