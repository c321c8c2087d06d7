/** Amounts of money in a member's message, read into integer fen (1 元 = 100 fen) without floating point. */

import { foldWidth } from './normalise.js';
import { findNumbers, NUMERAL_CHARS, parseChineseNumber } from './numerals.js';
import { bestHit, type Hit, matchedText } from './scan.js';

export interface MoneyMatch {
  fen: number;
  /** The substring of the input that was read, e.g. '15块5'. */
  matched: string;
  index: number;
}

export interface MoneyOptions {
  /**
   * Set when the caller asked for an amount (你的退休金是多少?): then a number without 元/块 (四千二) counts as yuan.
   * Otherwise bare numbers are never money: they are as likely to be a building, a count or a date.
   */
  bareNumberIs?: 'yuan';
}

const D = '[0-9一二两三四五六七八九]';
/** A minus sign or 负 before the number makes it negative, which no amount here can be. */
const NOT_INSIDE_NUMBER = `(?<![-−负.${NUMERAL_CHARS}]|[0-9],)`;
const AMOUNT = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?|[${NUMERAL_CHARS}]+(?:\.\d+)?`;
/** 五角星, 三角形, 毛巾, 毛病: 角/毛 that are not money. */
const NOT_MONEY_AFTER_JIAO = '[形星落度巾衣线病笔球毯]';
/** 一块去 / 一块儿 (together), 三块砖: 块 that is not money. */
const NOT_MONEY_AFTER_KUAI = '[儿去来走干做学玩吃住聊地砖石板布肉糖表牌]';
/** 「俩月一块交的」: 一块 before a verb of paying is together, not one yuan (十五块交了 is still money). */
const TOGETHER = /^一块$/;
const TOGETHER_BEFORE = /^[交缴给送转拿付算办都带]/;
const EXPLICIT = new RegExp(
  String.raw`(?<currency>(?<![-−负])[￥¥]\s*)?${NOT_INSIDE_NUMBER}(?<amount>${AMOUNT})` +
    String.raw`(?:\s*(?<unit>元|块(?!${NOT_MONEY_AFTER_KUAI})|[角毛](?!${NOT_MONEY_AFTER_JIAO})|分钱))?`,
  'g',
);
/** Words after a number that make it a count, a place or a date rather than money. */
const MEASURE = '个号楼栋层室单人次天月年日岁斤米点时分秒刻度%块元毛角位届期A-Za-z';
/** What may not follow a tail digit: more digits, or a measure word. */
const NOT_AFTER_AMOUNT = `[${NUMERAL_CHARS}${MEASURE}]`;
/** After 元/块: 半 (+50), 零五 (5 fen), 零四毛 (40 fen), 二毛五, 5分, or a bare digit meaning 角 (15块5 = 15.50). */
const YUAN_TAIL = new RegExp(
  `(?:(?<half>半)|零(?<zeroJiao>${D})[角毛]|零(?<zeroFen>${D})分?|(?<jiao>${D})[角毛](?:(?<fen>${D})分?)?|(?<onlyFen>${D})分|(?<bareJiao>${D}))` +
    `(?!${NOT_AFTER_AMOUNT})`,
  'y',
);
/** After 角/毛: 两毛五 = 25 fen. */
const JIAO_TAIL = new RegExp(`(?<fen>${D})分?(?!${NOT_AFTER_AMOUNT})`, 'y');
const QIAN = /\s*钱/y;
const ARABIC_DECIMAL = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/;
/** A Chinese numeral with no 十/百/千/万 (一, 两) is too often part of a word (一下, 两人) to stand alone. */
const BARE_NEEDS_BREAK_AFTER = /^[零一二两俩仨三四五六七八九]+$/;
const BREAK_OR_PARTICLE = /^(?:$|[\s，。！？；：、,.!?;:吧啊呀呢的了左多])/;
const NOT_BEFORE_BARE = /[-−负第周期拜初￥¥]$/;
/** findNumbers has already split 四千二一个月 into 四千二 and 一, so only a measure word disqualifies. */
const MEASURE_NEXT = new RegExp(`^[${MEASURE}]`);

/**
 * The first amount of money in `text`, in fen: 30元, 三十块钱, 15块5 (1550), 一块二 (120), 两毛 (20), 五角 (50),
 * ￥20, 20.00元, 1,000元, 五分钱. Arabic decimals are read exactly ('0.1元' → 10) and more than two decimals are
 * rejected ('15.555元'), as are zero and negative amounts ('-5元').
 */
export function parseMoneyFen(text: string, options: MoneyOptions = {}): MoneyMatch | undefined {
  const folded = foldWidth(text);
  const hits: Hit<number>[] = [...explicitHits(folded)];
  if (options.bareNumberIs === 'yuan') hits.push(...bareHits(text, folded));
  const hit = bestHit(hits);
  if (!hit || !(hit.value > 0 && Number.isSafeInteger(hit.value))) return undefined;
  return { fen: hit.value, matched: matchedText(text, hit), index: hit.index };
}

function* explicitHits(folded: string): Generator<Hit<number>> {
  for (const m of folded.matchAll(EXPLICIT)) {
    const { currency, amount = '', unit } = m.groups ?? {};
    if (!currency && !unit) continue;
    if (TOGETHER.test(m[0]) && TOGETHER_BEFORE.test(folded.slice(m.index + m[0].length))) continue;
    let end = m.index + m[0].length;
    let fen = Number.NaN; // unreadable unless proven otherwise
    if (!unit || unit === '元' || unit === '块') {
      fen = yuanToFen(amount);
      const tail = unit ? readTail(YUAN_TAIL, folded, end) : undefined;
      if (tail) {
        const g = tail.groups;
        fen +=
          (g.half ? 50 : 0) +
          digit(g.zeroFen) +
          digit(g.onlyFen) +
          10 * (digit(g.jiao) + digit(g.bareJiao) + digit(g.zeroJiao)) +
          digit(g.fen);
        end = tail.end;
      }
    } else if (currency) {
      continue; // ￥5毛 is not how anyone writes money
    } else {
      const perUnit = unit === '分钱' ? 1 : 10;
      fen = integer(amount) * perUnit;
      const tail = perUnit === 10 ? readTail(JIAO_TAIL, folded, end) : undefined;
      if (tail) {
        fen += digit(tail.groups.fen);
        end = tail.end;
      }
    }
    QIAN.lastIndex = end;
    if (QIAN.test(folded)) end = QIAN.lastIndex;
    yield { value: fen, index: m.index, length: end - m.index, rank: 0 };
  }
}

function* bareHits(text: string, folded: string): Generator<Hit<number>> {
  for (const n of findNumbers(text)) {
    const plain = folded.slice(n.index, n.index + n.matched.length);
    if (isBareAmount(folded.slice(0, n.index), plain, folded.slice(n.index + plain.length))) {
      yield { value: yuanToFen(plain), index: n.index, length: plain.length, rank: 1 };
    }
  }
}

/** Whether a number standing alone reads as an amount, judging by its neighbours. */
function isBareAmount(before: string, number: string, after: string): boolean {
  return (
    !NOT_BEFORE_BARE.test(before) &&
    !MEASURE_NEXT.test(after) &&
    (!BARE_NEEDS_BREAK_AFTER.test(number) || BREAK_OR_PARTICLE.test(after)) &&
    !isApproximation(before.at(-1), number.at(0)) &&
    !isApproximation(number.at(-1), after.at(0))
  );
}

/** 十四五, 三四千: neighbouring digits one apart are a rough range, not an amount. */
function isApproximation(first: string | undefined, second: string | undefined): boolean {
  if (!first || !second || !/^[一二两三四五六七八九]{2}$/.test(first + second)) return false;
  const [a, b] = [parseChineseNumber(first), parseChineseNumber(second)];
  return a !== undefined && b !== undefined && b === a + 1;
}

function readTail(re: RegExp, folded: string, at: number) {
  re.lastIndex = at;
  const m = re.exec(folded);
  return m ? { groups: m.groups ?? {}, end: re.lastIndex } : undefined;
}

/** Fen for a yuan amount: Arabic with up to two decimals, or a whole Chinese/mixed numeral; NaN otherwise. */
function yuanToFen(amount: string): number {
  const arabic = ARABIC_DECIMAL.exec(amount);
  if (arabic) return Number(arabic[1]?.replaceAll(',', '')) * 100 + Number((arabic[2] ?? '').padEnd(2, '0'));
  return /[.,]/.test(amount) ? Number.NaN : integer(amount) * 100;
}

/** A whole number, or NaN (1.5 is not a count of 角). */
function integer(s: string): number {
  const n = parseChineseNumber(s);
  return n !== undefined && Number.isInteger(n) ? n : Number.NaN;
}

/** One digit of a tail; absent groups count as 0. */
const digit = (s: string | undefined): number => (s ? (parseChineseNumber(s) ?? 0) : 0);
