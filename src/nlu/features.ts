import { normaliseText } from '../domain/text/normalise.js';

/** Who is writing, as the corpus labels it: residents are people not on the roster. */
export const SPEAKERS = ['member', 'officer', 'grid_leader', 'resident'] as const;
export type Speaker = (typeof SPEAKERS)[number];

/** Cuts a run of Chinese text into words (the segmenter is given, so this file stays pure). */
export type Segment = (text: string) => readonly string[];

/** What turns a message into features: a segmenter and a table of toneless pinyin per character. */
export interface Featuriser {
  segment: Segment;
  pinyin: Readonly<Record<string, string>>;
}

const HAN = /\p{Script=Han}/u;
/** Punctuation and symbols carry no topic; they split the text into clauses. */
const SEPARATORS = /[\s\p{P}\p{S}]+/gu;

/**
 * The text the features are read from: width folded, lower case, every number one digit (3号楼 and 12栋
 * are the same kind of place), punctuation and spaces turned into one clause separator.
 */
export function cleanText(text: string): string {
  return normaliseText(text)
    .toLowerCase()
    .replace(/\d+(?:\.\d+)?/g, '0')
    .replace(SEPARATORS, ' ')
    .trim();
}

/**
 * The features of one message, as a set of strings:
 * - character 1–3-grams, with ^ and $ marking the ends (「到了」 alone is not 「我到了吗」);
 * - words from the segmenter (w:), so 卫生间 is not read as 卫生;
 * - pinyin syllable pairs and whole-word pinyin (p:, q:), so voice-input homophones (当费/党费, 前到/签到)
 *   meet the same features;
 * - the speaker (r:) and a length band (n:), so the model learns who says what and that one-word replies differ.
 */
export function features(text: string, speaker: Speaker, f: Featuriser): string[] {
  const clean = cleanText(text);
  const out = new Set<string>([`r:${speaker}`]);
  const squeezed = clean.replace(/ /g, '');
  const length = [...squeezed].length;
  out.add(`n:${length <= 2 ? 's' : length <= 5 ? 'm' : length <= 15 ? 'l' : 'x'}`);
  const chars = [...`^${squeezed}$`];
  for (let i = 0; i < chars.length; i++) {
    if (i > 0 && i < chars.length - 1) out.add(`c:${chars[i]}`);
    if (i + 1 < chars.length) out.add(`c:${chars[i]}${chars[i + 1]}`);
    if (i + 2 < chars.length) out.add(`c:${chars[i]}${chars[i + 1]}${chars[i + 2]}`);
  }
  const syllables = [...squeezed].map((c) => f.pinyin[c] ?? (HAN.test(c) ? '?' : c));
  for (let i = 0; i + 1 < syllables.length; i++) {
    if (syllables[i] !== '?' && syllables[i + 1] !== '?') out.add(`p:${syllables[i]}_${syllables[i + 1]}`);
  }
  for (const clause of clean.split(' ')) {
    if (!clause) continue;
    for (const word of f.segment(clause)) {
      if (!HAN.test(word)) continue;
      out.add(`w:${word}`);
      if ([...word].length > 1) out.add(`q:${[...word].map((c) => f.pinyin[c] ?? c).join('')}`);
    }
  }
  return [...out];
}
