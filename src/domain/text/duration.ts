/** How long an activity took, in whole minutes: 两个钟头, 一个半小时, 九点到十一点半, 搞了一上午. */

import { CLOCK, clockMinutes, HOUR, PART_OF_DAY } from './clock.js';
import { foldWidth } from './normalise.js';
import { NUMERAL_CHARS, parseChineseNumber } from './numerals.js';
import { bestHit, type Hit, hitAt, matchedText } from './scan.js';

export interface DurationMatch {
  minutes: number;
  /** The substring of the input that was read, e.g. '两个多小时'. */
  matched: string;
  index: number;
}

const MAX_MINUTES = 24 * 60;
const NOT_INSIDE_NUMBER = `(?<![0-9.:${NUMERAL_CHARS}])`;
const COUNT = String.raw`\d+(?:\.\d+)?|[零一二两俩仨三四五六七八九十]+`;
/** 九点到十一点, 9-11点, 八点干到十一点 (the verb of the work may sit before 到). */
const RANGE_SEP = String.raw`\s*(?:-|~|—|–|(?:干|忙|弄|搞|待|守|站)?到|至)\s*`;
const HOUR_UNIT = '(?:小时|钟头)';

/** 两个多小时 and 三个来钟头 count as 2 h and 3 h: 多/来 are vague, and a member who worked 2 h 40 min would say so. */
const HOURS = new RegExp(
  `${NOT_INSIDE_NUMBER}(?<n>${COUNT})(?:${RANGE_SEP}(?<n2>${COUNT}))?\\s*[多来]?\\s*个?\\s*[多来]?\\s*(?<half>半)?\\s*${HOUR_UNIT}` +
    `(?:\\s*(?<mins>${COUNT})\\s*分钟?)?`,
  'g',
);
const MINUTES = new RegExp(`${NOT_INSIDE_NUMBER}(?<n>${COUNT})\\s*[多来]?\\s*分钟`, 'g');
const HALF_HOUR = new RegExp(`(?<![${NUMERAL_CHARS}个])半\\s*个?\\s*${HOUR_UNIT}`, 'g');
const GEBA = new RegExp(`个把\\s*${HOUR_UNIT}`, 'g');
const QUARTERS = new RegExp(`${NOT_INSIDE_NUMBER}(?<n>[1-3一二两三])\\s*刻钟`, 'g');

/**
 * Vague spans, fixed by convention: 半天 = 4 h, a morning/afternoon/evening = 3 h, a whole day = 8 h. The 一 of
 * 周一上午 / 十一上午 is part of a date, not "one morning".
 */
const VAGUE: ReadonlyArray<readonly [RegExp, number]> = [
  [/半天/g, 240],
  [/(?:(?<![周期拜月号日初0-9十])一(?:整?个)?|整个)(?:上午|下午|晚上|早上)/g, 180],
  [/一整天|整整一天/g, 480],
];

/** 九点到十一点半, 9:00-11:30, 下午两点到四点半; also 九到十一点, where the first hour borrows 点 from the second. */
const CLOCK_RANGE = new RegExp(
  `${NOT_INSIDE_NUMBER}(?:(?<p1>${PART_OF_DAY})\\s*)?(?<t1>${CLOCK}|${HOUR})${RANGE_SEP}` +
    `(?:(?<p2>${PART_OF_DAY})\\s*)?(?<t2>${CLOCK})`,
  'g',
);

/**
 * The first duration in `text`, preferring the most exact wording: a clock range, then a count of hours or
 * minutes, then a vague span. Ranges of hours (两三个小时, 2-3小时) give the midpoint rounded down to 30 min
 * (150). Zero and more than 24 h are rejected.
 */
export function parseDurationMinutes(text: string): DurationMatch | undefined {
  const folded = foldWidth(text);
  const hit = bestHit([...clockRangeHits(folded), ...countHits(folded), ...vagueHits(folded)]);
  if (!hit || !(Number.isInteger(hit.value) && hit.value > 0 && hit.value <= MAX_MINUTES)) return undefined;
  return { minutes: hit.value, matched: matchedText(text, hit), index: hit.index };
}

function* clockRangeHits(folded: string): Generator<Hit<number>> {
  for (const m of folded.matchAll(CLOCK_RANGE)) {
    const { p1, t1 = '', p2, t2 = '' } = m.groups ?? {};
    const start = clockMinutes(/[点时:]/.test(t1) ? t1 : `${t1}点`, p1);
    let end = clockMinutes(t2, p2 ?? p1);
    // 十一点到一点: without a part of day of its own, an earlier end hour is in the afternoon; 晚上十点到早上六点
    // is a night shift, ending the next day.
    if (end < start) end += (p2 ? 24 : 12) * 60;
    yield hitAt(m, end - start, 0);
  }
}

function* countHits(folded: string): Generator<Hit<number>> {
  for (const m of folded.matchAll(HOURS)) {
    const { n = '', n2, half, mins } = m.groups ?? {};
    const [lo, hi] = (hourRange(n, n2) ?? [Number.NaN, Number.NaN]).map(
      (h) => Math.round(h * 60) + (half ? 30 : 0) + (mins ? (parseChineseNumber(mins) ?? Number.NaN) : 0),
    ) as [number, number];
    yield hitAt(m, lo === hi ? lo : Math.floor((lo + hi) / 2 / 30) * 30, 1);
  }
  const count = (m: RegExpExecArray) => parseChineseNumber(m.groups?.n ?? '') ?? Number.NaN;
  for (const m of folded.matchAll(MINUTES)) yield hitAt(m, count(m), 1);
  for (const m of folded.matchAll(QUARTERS)) yield hitAt(m, 15 * count(m), 1);
  for (const m of folded.matchAll(HALF_HOUR)) yield hitAt(m, 30, 1);
  for (const m of folded.matchAll(GEBA)) yield hitAt(m, 60, 1);
}

/** 两 → [2, 2]; 两三 / 2-3 → [2, 3]; adjacent digits are a range only when the second is one more. */
function hourRange(n: string, n2: string | undefined): [number, number] | undefined {
  const lo = parseChineseNumber(n);
  if (n2 !== undefined) {
    const hi = parseChineseNumber(n2);
    return lo !== undefined && hi !== undefined && lo < hi ? [lo, hi] : undefined;
  }
  if (lo !== undefined) return [lo, lo];
  const [a, b] = [...n].map((c) => parseChineseNumber(c));
  return n.length === 2 && a !== undefined && b === a + 1 ? [a, b] : undefined;
}

function* vagueHits(folded: string): Generator<Hit<number>> {
  for (const [re, value] of VAGUE) {
    for (const m of folded.matchAll(re)) yield hitAt(m, value, 2);
  }
}
