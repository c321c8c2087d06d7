import { recordForMemberCommand } from './record-for-member.js';

/**
 * 补签 <姓名> <原因>: the secretary records that a member was there but could not sign in (no phone, the window
 * closed). The only way to sign in for someone else.
 */
export const studyMakeup = recordForMemberCommand(
  {
    id: 'study.makeup',
    triggers: ['补签'],
    summary: '为到场的党员补签',
    examples: ['补签 王桂兰 没带手机'],
  },
  {
    kind: 'makeup',
    reasonNeeded: true,
    question: '请问为哪位党员补签？例如「王桂兰 没带手机」。',
    example: '王桂兰 没带手机',
  },
);
