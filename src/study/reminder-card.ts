/**
 * The study-day reminder: a button card [签到] [请假] where WeCom shows cards, and the same words as plain text
 * where it does not (the WeChat plugin many elderly members use).
 */

import { cardKey } from '../bot/command.js';
import { formatDay } from '../domain/activity.js';
import { type SessionView, shiftNote } from '../domain/study/index.js';
import type { OutboundContent } from '../queues/definitions.js';
import type { ButtonInteractionCard } from '../wecom/api/types.js';

/** The commands whose onCardPress receives the card's buttons. */
export const SIGN_IN_COMMAND_ID = 'study.signin';
export const LEAVE_COMMAND_ID = 'study.leave';

export interface ReminderCardInput {
  sessionId: string;
  session: SessionView;
  topic: string;
  /** 'eve': the evening before; 'lead': on the day. */
  when: 'eve' | 'lead';
  /** 流动党员: told how to take part from afar. */
  mobile: boolean;
  /** 'HH:mm' sign-in opens. */
  signInOpens: string;
  /** Unique per send, forever (WeCom refuses a task id it has seen). */
  taskId: string;
}

const REMOTE_HINT = '在外地不能到场的，学习材料后发「已学习」，记为远程学习。';

export function reminderContent(r: ReminderCardInput): Extract<OutboundContent, { type: 'template_card' }> {
  const day = r.when === 'eve' ? '明天' : '今天';
  const when = `${formatDay(r.session.date)}${r.session.time}`;
  const how = `签到：${r.signInOpens}起发「签到」或点下方按钮；不能参加请点「请假」。`;
  const card: ButtonInteractionCard = {
    card_type: 'button_interaction',
    task_id: r.taskId,
    source: { desc: '党建助手 · 学习日提醒' },
    main_title: { title: `${day}是支部学习日`, desc: `${when}${shiftNote(r.session)}`.slice(0, 44) },
    horizontal_content_list: [
      { keyname: '时间', value: when },
      { keyname: '地点', value: r.session.place },
      ...(r.topic ? [{ keyname: '主题', value: r.topic }] : []),
      ...(r.session.link
        ? [{ keyname: '学习材料', type: 1 as const, url: r.session.link, value: '点击查看' }]
        : []),
    ],
    sub_title_text: r.mobile ? `${REMOTE_HINT}${how}` : how,
    button_list: [
      { text: '签到', style: 1, key: cardKey(SIGN_IN_COMMAND_ID, r.sessionId) },
      { text: '请假', style: 2, key: cardKey(LEAVE_COMMAND_ID, r.sessionId) },
    ],
  };
  const lines = [
    `【学习日提醒】${day}${when}，${r.session.place}${shiftNote(r.session)}`,
    ...(r.topic ? [`主题：${r.topic}`] : []),
    ...(r.session.link ? [`学习材料：${r.session.link}`] : []),
    `${r.signInOpens}起到场后发「签到」；不能参加请发「请假 原因」。`,
    ...(r.mobile ? [REMOTE_HINT] : []),
  ];
  return { type: 'template_card', card, fallbackText: lines.join('\n') };
}
