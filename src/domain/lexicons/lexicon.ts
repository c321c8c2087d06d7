/**
 * Word lists that sort a free sentence into one of a few categories (activity types, complaint categories),
 * kept as data so that adding a phrase is an edit to a JSON file, not to code.
 *
 * Chinese has no spaces, so a word found inside a longer word must not count: 卫生间 is a room, not 环境卫生;
 * 服务中心 is a place, not 志愿服务. The sentence is read left to right taking the longest lexicon entry at each
 * point, and each category's `not` phrases are entries of their own that count for nobody, so 卫生间 swallows
 * its 卫生. A category scores the summed length of its words found; the highest wins, ties go to the category
 * listed first. `hints` are symptoms several categories share (睡不着, 臭, 危险): they decide only when no
 * category's own words occur, so 「狗叫了一宿 没法睡」 stays about the dog.
 */

import { toSimplified } from '../text/traditional.js';

export interface CategoryEntry {
  /** Words and phrases that mean this category. */
  words: readonly string[];
  /** Symptoms rather than causes: counted only when no category's `words` occur in the sentence. */
  hints?: readonly string[];
  /** Longer phrases containing one of `words` that do not mean it (卫生间 for 卫生); they count for nobody. */
  not?: readonly string[];
  /** Whole sentences this category must win, checked by the unit tests. */
  examples: readonly string[];
}

export interface LexiconData<C extends string> {
  categories: Readonly<Record<C, CategoryEntry>>;
}

export interface LexiconHit<C extends string> {
  word: string;
  /** null for a `not` phrase. */
  category: C | null;
  hint: boolean;
  index: number;
}

export interface Lexicon<C extends string> {
  /** The categories in priority order (ties go to the first). */
  order: readonly C[];
  /** Every entry found, left to right, longest first at each point; found entries never overlap. */
  hits(text: string): LexiconHit<C>[];
  /** The best category and its score, or null when no word of any category occurs. */
  classify(text: string): { category: C; score: number } | null;
}

/** Builds the matcher; throws when one word is claimed by two categories (the data would be ambiguous). */
export function buildLexicon<C extends string>(data: LexiconData<C>, order: readonly C[]): Lexicon<C> {
  const owner = new Map<string, { category: C | null; hint: boolean }>();
  const clash: string[] = [];
  const claim = (word: string, category: C | null, hint: boolean) => {
    if (owner.has(word)) clash.push(word);
    owner.set(word, { category, hint });
  };
  for (const category of order) {
    const entry = data.categories[category];
    for (const word of entry.words) claim(word, category, false);
    for (const word of entry.hints ?? []) claim(word, category, true);
    for (const word of entry.not ?? []) claim(word, null, false);
  }
  if (clash.length > 0) throw new Error(`lexicon words claimed twice: ${clash.join('、')}`);
  const longest = Math.max(1, ...[...owner.keys()].map((w) => w.length));

  function hits(raw: string): LexiconHit<C>[] {
    const text = toSimplified(raw);
    const found: LexiconHit<C>[] = [];
    for (let i = 0; i < text.length; ) {
      let length = Math.min(longest, text.length - i);
      while (length > 0 && !owner.has(text.slice(i, i + length))) length--;
      if (length === 0) {
        i++;
        continue;
      }
      const word = text.slice(i, i + length);
      const { category, hint } = owner.get(word)!;
      found.push({ word, category, hint, index: i });
      i += length;
    }
    return found;
  }

  return {
    order,
    hits,
    classify(text) {
      const found = hits(text).filter((h) => h.category !== null);
      const strong = found.some((h) => !h.hint);
      const scores = new Map<C, number>();
      for (const hit of found) {
        if (hit.category && hit.hint !== strong) {
          scores.set(hit.category, (scores.get(hit.category) ?? 0) + hit.word.length);
        }
      }
      let best: { category: C; score: number } | null = null;
      for (const category of order) {
        const score = scores.get(category) ?? 0;
        if (score > 0 && (!best || score > best.score)) best = { category, score };
      }
      return best;
    },
  };
}
