import { cardKey } from '../bot/command.js';
import { categoryLabel } from '../domain/complaints/categories.js';
import type { OutboundContent } from '../queues/definitions.js';
import type { ButtonInteractionCard } from '../wecom/api/types.js';
import type { ComplaintDoc } from './changes.js';
import { excerpt, formatTime, newComplaintText, placeText } from './messages.js';

/** The commands whose onCardPress handles the two buttons (their ids are what the keys carry). */
export const ACCEPT_COMMAND_ID = 'complaint.accept';
export const REASSIGN_COMMAND_ID = 'complaint.reassign';

/** What a card's buttons carry: the complaint and the accept clock the card was sent for. */
export const cardPayload = (c: Pick<ComplaintDoc, '_id' | 'acceptClock'>) =>
  `${String(c._id)}.${c.acceptClock}`;

/** The complaint id and the card's accept clock (null on cards sent before buttons carried it). */
export function readCardPayload(payload: string): { id: string; clock: number | null } {
  const [id = '', clock] = payload.split('.');
  return { id, clock: clock === undefined ? null : Number(clock) };
}

/**
 * The handler's card for a new (or reassigned) complaint: the essentials and [受理] [转派]. The task id is
 * the complaint and its accept clock, which is unique per app forever as WeCom requires (a reassignment
 * bumps the clock and sends a fresh card). The fallback text says how to do the same by typing.
 */
export function handlerCard(c: ComplaintDoc, reporter: string, timeZone: string): OutboundContent {
  const id = String(c._id);
  const payload = cardPayload(c);
  const card: ButtonInteractionCard = {
    card_type: 'button_interaction',
    task_id: `cpl-${id}-${c.acceptClock}`,
    source: {
      desc: c.tier === 'urgent' ? '居民诉求 · 紧急' : '居民诉求',
      desc_color: c.tier === 'urgent' ? 2 : 0,
    },
    main_title: { title: `${categoryLabel(c.category)} ${c.number}`, desc: placeText(c) },
    sub_title_text: excerpt(c.description, 120),
    horizontal_content_list: [
      { keyname: '编号', value: c.number },
      { keyname: '反映人', value: reporter },
      { keyname: '受理时限', value: formatTime(c.acceptDeadline, timeZone) },
    ],
    button_list: [
      { text: '受理', style: 1, key: cardKey(ACCEPT_COMMAND_ID, payload) },
      { text: '转派', style: 2, key: cardKey(REASSIGN_COMMAND_ID, payload) },
    ],
  };
  return {
    type: 'template_card',
    card,
    fallbackText: newComplaintText(c, reporter, timeZone, c.acceptDeadline),
  };
}
