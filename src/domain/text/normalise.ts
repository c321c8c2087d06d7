/**
 * Text clean-up for members' messages: typed on phone keyboards (full-width characters) or dictated
 * (no punctuation, filler words).
 */

import { toSimplified } from './traditional.js';

const CN_DIGIT = '[零〇○一二三四五六七八九]';
/** 〇 and the look-alike ○ are zero only inside a run of Chinese digits (二〇二六), not as a bullet or a mark. */
const ZERO_AS_DIGIT = new RegExp(`[〇○](?=${CN_DIGIT})|(?<=${CN_DIGIT})[〇○]`, 'g');

/**
 * Full-width ASCII (Ｕ+FF01–FF5E, e.g. ２，：！？（）) → half-width, the ideographic space → ' ', 〇/○ used as a
 * digit → 零, and traditional characters → simplified (黨費 → 党费). Every replacement is one UTF-16 unit for one,
 * so offsets in the result are offsets in the input: the parsers match on the folded text and hand back the
 * caller's own substring.
 */
export function foldWidth(s: string): string {
  return toSimplified(s)
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .replace(ZERO_AS_DIGIT, '零');
}

/** foldWidth, then trimmed with every run of whitespace collapsed to one space. Chinese punctuation (。、“”) stays. */
export function normaliseText(s: string): string {
  return foldWidth(s).replace(/\s+/g, ' ').trim();
}

const PUNCT = '，。！？；：、,.!?;:';
/**
 * 嗯/呃/啊 are interjections only, so they always go. 那个/就是/然后 are also real words (上次没去的那个会), so they go
 * only where they cannot be one: at the start of a clause, when stuttered (那个那个), or, for 那个, right before a
 * pronoun, verb or adverb (我今天那个去社区), where a determiner is impossible. A heuristic, not a parser.
 */
const INTERJECTIONS = /[嗯呃啊]/g;
const STUTTER = /(那个|就是|然后)(?:\s*\1)+/g;
const CLAUSE_START = new RegExp(`(^|[\\s${PUNCT}])\\s*(?:那个|就是|然后)\\s*`, 'g');
const NAGE_BEFORE_VERB = /那个(?=[我你他她咱去来就也都又还要想给跟和帮把])/g;
const LEADING_PUNCT = new RegExp(`^[\\s${PUNCT}]+`);

/** The message without voice-input fillers, whitespace collapsed (see the rule above). */
export function stripFillers(s: string): string {
  let out = normaliseText(s).replace(INTERJECTIONS, '').replace(STUTTER, '$1').replace(NAGE_BEFORE_VERB, '');
  // Removing one filler can expose the next at a clause start (然后 那个 我…), so repeat until stable.
  for (let prev = ''; prev !== out; ) {
    prev = out;
    out = out.replace(CLAUSE_START, '$1');
  }
  return out.replace(/\s+/g, ' ').replace(LEADING_PUNCT, '').trim();
}

/**
 * The person's own characters for `fragment`, a piece of normaliseText(original) that a parser handed back
 * (possibly with words taken out): understanding reads folded text (？ → ?, ２ → 2, 黨 → 党), but what is stored
 * and passed on to others is what they typed. Each character is looked up, in order, in the folded original
 * (foldWidth maps one character to one, so positions agree); one the original does not hold stays as it is.
 */
export function ownWords(fragment: string, original: string): string {
  const spaced = original.replace(/\s+/g, ' ').trim();
  const folded = foldWidth(spaced);
  if (folded === spaced) return fragment;
  let from = 0;
  let out = '';
  for (const ch of fragment) {
    const at = folded.indexOf(ch, from);
    if (at < 0) {
      out += ch;
      continue;
    }
    out += spaced.slice(at, at + ch.length);
    from = at + ch.length;
  }
  return out;
}
