/** Chinese and Arabic numerals as members write them: 两/俩/仨, colloquial 一百二 = 120, mixed 4千2. */

import { foldWidth } from './normalise.js';

const DIGIT_VALUES: Readonly<Record<string, number>> = {
  零: 0,
  一: 1,
  二: 2,
  两: 2,
  俩: 2,
  仨: 3,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const UNIT_VALUES: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000 };

/** Characters that can make up a Chinese (or mixed) numeral, for building regexes. 〇 is folded to 零 first. */
export const NUMERAL_CHARS = '0-9零一二两俩仨三四五六七八九十百千万';
/** An Arabic amount: 1,000 (strict thousands groups) or 1000, optionally with decimals. */
const ARABIC = /^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;
/** 二零二六: positional digits, as in spoken years. Needs 3+ characters so that 两三/三四 stay ranges for callers. */
const POSITIONAL = /^[零一二三四五六七八九]{3,}$/;

/**
 * The value of a whole numeral string, or undefined. Arabic (3, 1.5, 1,000), Chinese (十二, 二十五, 一百零五),
 * colloquial (一百二 = 120, 一千五 = 1500, 两万三 = 23000: a last digit straight after 百/千/万 counts one unit
 * lower), mixed (4千2 = 4200, 20万). Not 半 (the callers know what it is half of) and not ranges (两三).
 */
export function parseChineseNumber(s: string): number | undefined {
  const text = foldWidth(s).trim();
  if (ARABIC.test(text)) return Number(text.replaceAll(',', ''));
  if (POSITIONAL.test(text)) return Number([...text].map((c) => DIGIT_VALUES[c]).join(''));
  return parseWithUnits(text);
}

function parseWithUnits(text: string): number | undefined {
  const tokens = text.match(/\d+|./gu);
  if (!tokens) return undefined;
  let total = 0; // the part before 万, already multiplied
  let section = 0; // the part after the last 万
  let digit: number | undefined; // a digit waiting for its unit
  let unitCap = Number.POSITIVE_INFINITY; // units inside a section must fall: 千 > 百 > 十
  let lastUnit = 0;
  let zeroSinceUnit = false; // 一百零五: the 五 is ones, not tens
  let seenWan = false;
  for (const token of tokens) {
    const value = /^\d+$/.test(token) ? Number(token) : DIGIT_VALUES[token];
    if (value !== undefined) {
      if (digit !== undefined) return undefined; // 一二: two digits without a unit
      if (token === '零') zeroSinceUnit = true;
      else digit = value;
      continue;
    }
    const unit = UNIT_VALUES[token];
    if (unit !== undefined) {
      if (unit >= unitCap) return undefined;
      if (digit === undefined && unit !== 10) return undefined; // 百 alone is not a number; 十 alone is 10
      section += (digit ?? 1) * unit;
    } else if (token === '万' && !seenWan) {
      const wan = section + (digit ?? 0);
      if (wan === 0) return undefined;
      total = wan * 10_000;
      section = 0;
      seenWan = true;
    } else {
      return undefined;
    }
    unitCap = unit ?? 10_000;
    lastUnit = unit ?? 10_000;
    digit = undefined;
    zeroSinceUnit = false;
  }
  if (digit === undefined) return total + section;
  const colloquial = !zeroSinceUnit && lastUnit >= 100;
  return total + section + (colloquial ? digit * (lastUnit / 10) : digit);
}

export interface NumberMatch {
  value: number;
  /** The substring of the input that was read. */
  matched: string;
  index: number;
}

const NUMERAL_RUN = new RegExp(
  String.raw`(?<![0-9.]|[0-9],)(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|[${NUMERAL_CHARS}]+(?:\.\d+)?)`,
  'g',
);

/**
 * Every number in a free sentence, left to right. A run that is not one number (四千二一个月) is read as its
 * longest valid prefix, then the rest (四千二, 一).
 */
export function findNumbers(text: string): NumberMatch[] {
  const folded = foldWidth(text);
  const found: NumberMatch[] = [];
  for (const run of folded.matchAll(NUMERAL_RUN)) {
    let start = 0;
    while (start < run[0].length) {
      let end = run[0].length;
      while (end > start && parseChineseNumber(run[0].slice(start, end)) === undefined) end--;
      if (end === start) {
        start++;
        continue;
      }
      const index = run.index + start;
      const value = parseChineseNumber(run[0].slice(start, end)) as number;
      found.push({ value, matched: text.slice(index, index + end - start), index });
      start = end;
    }
  }
  return found;
}
