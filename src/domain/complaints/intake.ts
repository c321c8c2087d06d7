/** One complaint message → what the bot files: description, category, urgency, place, contact phone. */

import { stripFillers } from '../text/normalise.js';
import { type Category, classify } from './categories.js';
import { extractLocation, type LocationMention } from './location.js';
import { mobileIn, withoutPhones } from './phones.js';
import { isUrgent } from './urgency.js';

export interface ReportDraft {
  /** The sentence as the handler will read it, without the reporter's phone number. */
  description: string;
  category: Category;
  urgent: boolean;
  location: LocationMention;
  /** A mobile number the reporter typed to be called back on: like every number, kept out of the description. */
  phone: string | null;
}

/** Leftovers of the bot's own question (「地点：」) and politeness that carry no information. */
const NOISE = /^(?:我要|我想|想)?(?:反映|投诉|报修|报事)(?:一下|个事|个问题)?[\s，,:：]*/;

/** Too short to act on: 「反映」 alone, 「有问题」. The bot asks what and where instead — unless it names the problem (灯不亮). */
const MIN_DESCRIPTION = 4;

export function parseReport(text: string): ReportDraft | null {
  const cleaned = stripFillers(text);
  const phone = mobileIn(cleaned);
  const description = withoutPhones(cleaned).replace(NOISE, '').trim();
  const category = classify(description);
  const length = [...description.replace(/\s/g, '')].length;
  if (length < MIN_DESCRIPTION && (category === 'other' || length < 2)) return null;
  return {
    description,
    category,
    urgent: isUrgent(description),
    location: extractLocation(description),
    phone,
  };
}

/**
 * The bot's follow-up questions are answered by appending to the report with a marker, so the whole
 * report is parsed again with the answer: 「… 地点： 5号楼2单元」 (the place) and 「… 同一问题： 是」 (is it the
 * complaint already filed?). People may type the markers themselves too.
 */
export const PLACE_MARKER = '地点：';
export const SAME_MARKER = '同一问题：';

const SAME = /\s*同一问题[:：](?<answer>.*)$/s;
const YES = /^(?:是|是的|对|对的|一样|就是|同一个|没错|嗯)/;
const NO = /^(?:不是|不对|不一样|不同|另一个|别的|新的|否|没有)/;

/** Splits off the answer to 「是同一个问题吗」: undefined when not asked, null when not understood. */
export function sameAnswer(text: string): { report: string; same: boolean | null | undefined } {
  const m = SAME.exec(text);
  if (!m?.groups) return { report: text, same: undefined };
  const words = m.groups.answer!.trim().split(/\s+/).filter(Boolean);
  const last = words.at(-1) ?? '';
  const same = NO.test(last) ? false : YES.test(last) ? true : null;
  return { report: text.slice(0, m.index).trim(), same };
}
