import { createHash } from 'node:crypto';
import { cleanText, SPEAKERS, type Speaker } from './features.js';

/** One labelled line of fixtures/nlu/ (JSON Lines): what someone wrote, who, what they meant. */
export interface CorpusLine {
  text: string;
  role: Speaker;
  intent: string;
  slots: Record<string, unknown>;
}

/** Intents that are no command: the bot answers them itself. */
export const CHAT_INTENTS = ['chat.greeting', 'chat.thanks', 'none'] as const;

/** The slots each intent's lines may carry (the corpus spec); any other intent carries none. */
export const SLOT_KEYS: Readonly<Record<string, readonly string[]>> = {
  'activity.log': ['type', 'minutes', 'date'],
  'complaint.report': ['category', 'urgent'],
  'complaint.progress': ['number'],
  'complaint.add': ['number'],
  'complaint.rate': ['rating', 'number'],
  'dues.pay': ['member', 'amountFen', 'months', 'method', 'proxy'],
  'dues.standard': ['incomeFen', 'category'],
  'member.find': ['member'],
  'study.makeup': ['member'],
  'study.deliver': ['member'],
  'study.leave': ['date'],
  'study.move': ['date'],
  'study.cancel': ['date'],
  'study.topic': ['date'],
};

/** Why a raw line cannot be used, or the line itself. */
export function checkLine(raw: unknown, intents: ReadonlySet<string>): CorpusLine | string {
  if (typeof raw !== 'object' || raw === null) return 'not an object';
  const { text, role, intent, slots = {} } = raw as Record<string, unknown>;
  if (typeof text !== 'string' || !text.trim()) return 'no text';
  if (!SPEAKERS.includes(role as Speaker)) return `unknown role ${String(role)}`;
  if (typeof intent !== 'string' || !intents.has(intent)) return `unknown intent ${String(intent)}`;
  if (typeof slots !== 'object' || slots === null || Array.isArray(slots)) return 'slots is not an object';
  const allowed = SLOT_KEYS[intent] ?? [];
  const extra = Object.keys(slots).filter((k) => !allowed.includes(k));
  if (extra.length > 0) return `slot ${extra.join(',')} not in the spec for ${intent}`;
  return { text: text.trim(), role: role as Speaker, intent, slots: slots as Record<string, unknown> };
}

/** Two lines that differ only in numbers, punctuation or spacing are the same line. */
export const sameLineKey = (text: string) => cleanText(text).replace(/[0 ]/g, '');

/** A cleaned line's character pairs, for nearlySame. */
export function bigrams(key: string): Set<string> {
  const chars = [...key];
  const out = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) out.add(`${chars[i]}${chars[i + 1]}`);
  return out;
}

/** Near duplicates: most of their character pairs shared (a template with only a name swapped). */
export function nearlySame(x: Set<string>, y: Set<string>, threshold = 0.8): boolean {
  if (x.size < 4 || y.size < 4) return false;
  let shared = 0;
  for (const g of x) if (y.has(g)) shared++;
  return shared / (x.size + y.size - shared) >= threshold;
}

/**
 * The held-out split: a line is a test line when the hash of its cleaned text falls in the lowest fifth.
 * Fixed by the text alone, so adding lines never moves an old one between train and test, and each intent
 * keeps about a fifth of its lines out of training.
 */
export function isHeldOut(text: string): boolean {
  const digest = createHash('sha256').update(sameLineKey(text)).digest();
  return digest.readUInt32BE(0) % 100 < 20;
}
