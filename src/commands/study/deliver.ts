import { recordForMemberCommand } from './record-for-member.js';

/** 送学上门 <姓名>: the branch took the session's material to an elderly or housebound member. */
export const studyDeliver = recordForMemberCommand(
  {
    id: 'study.deliver',
    triggers: ['送学上门', '送学'],
    summary: '登记送学上门',
    examples: ['送学上门 王桂兰'],
  },
  {
    kind: 'home_delivered',
    reasonNeeded: false,
    question: '请问为哪位党员送学上门？请发姓名。',
    example: '王桂兰',
  },
);
