import { isRecord, type WecomError, wecomError } from './http-io.js';

/**
 * The template_card rules a bot most often breaks (platform doc §5.3), with the Template_Card errcodes of
 * WeCom's global error list. Display-only limits (title lengths, colours) are not checked.
 */

const INTERACTIVE = new Set(['button_interaction', 'vote_interaction', 'multiple_interaction']);
const CARD_TYPES = new Set(['text_notice', 'news_notice', ...INTERACTIVE]);
const TASK_ID = /^[0-9A-Za-z_\-@]{1,128}$/;

const list = (v: unknown): unknown[] | undefined => (Array.isArray(v) ? v : undefined);
const text = (v: unknown): boolean => typeof v === 'string' && v.length > 0;

/** Cards whose clicks call back (and so carry task_id and get a response_code). */
export function isCallbackCard(card: Record<string, unknown>): boolean {
  return INTERACTIVE.has(String(card.card_type)) || isRecord(card.action_menu);
}

function checkSubmit(card: Record<string, unknown>): WecomError | undefined {
  const submit = isRecord(card.submit_button) ? card.submit_button : {};
  if (!text(submit.text)) return wecomError(42049, 'invalid template_card.submit_button.text');
  return text(submit.key) ? undefined : wecomError(42046, 'invalid template_card.submit_button.key');
}

function checkOptions(options: unknown, max: number): WecomError | undefined {
  const items = list(options);
  if (!items || items.length < 1 || items.length > max) {
    return wecomError(42037, 'invalid template_card option_list size');
  }
  for (const o of items) {
    if (!isRecord(o) || !text(o.id)) return wecomError(42040, 'invalid template_card option_list.id');
    if (!text(o.text)) return wecomError(42041, 'invalid template_card option_list.text');
  }
  return undefined;
}

const BY_TYPE: Record<string, (card: Record<string, unknown>) => WecomError | undefined> = {
  text_notice: (card) => (isRecord(card.card_action) ? undefined : wecomError(42045, 'invalid card_action')),
  news_notice: (card) => (isRecord(card.card_action) ? undefined : wecomError(42045, 'invalid card_action')),
  button_interaction: (card) => {
    const buttons = list(card.button_list);
    if (!buttons || buttons.length < 1 || buttons.length > 6) {
      return wecomError(40058, 'invalid parameter: button_list size 1..6');
    }
    for (const b of buttons) {
      if (!isRecord(b) || !text(b.text)) return wecomError(42038, 'invalid template_card.button_list.text');
      // type 0 (default) calls back with the key; type 1 opens a url.
      if ((b.type ?? 0) === 0 && !text(b.key))
        return wecomError(42039, 'invalid template_card.button_list.key');
    }
    return undefined;
  },
  vote_interaction: (card) => {
    const checkbox = isRecord(card.checkbox) ? card.checkbox : {};
    if (!text(checkbox.question_key)) return wecomError(42043, 'invalid template_card question_key');
    return checkOptions(checkbox.option_list, 20) ?? checkSubmit(card);
  },
  multiple_interaction: (card) => {
    const selects = list(card.select_list);
    if (!selects || selects.length < 1 || selects.length > 3) {
      return wecomError(42047, 'invalid template_card.select_list size');
    }
    for (const s of selects) {
      if (!isRecord(s) || !text(s.question_key))
        return wecomError(42043, 'invalid template_card question_key');
      const bad = checkOptions(s.option_list, 10);
      if (bad) return bad;
    }
    return checkSubmit(card);
  },
};

export function checkTemplateCard(card: Record<string, unknown>): WecomError | undefined {
  const type = String(card.card_type);
  const check = CARD_TYPES.has(type) ? BY_TYPE[type] : undefined;
  if (!check) return wecomError(42031, 'invalid template_card.card_type');
  if (isCallbackCard(card) && !(typeof card.task_id === 'string' && TASK_ID.test(card.task_id))) {
    return wecomError(42014, 'invalid task_id: 1..128 of [0-9A-Za-z_-@] required');
  }
  return check(card);
}
