/** Complaint numbers: per community and year, 「2026-0153」. People may type 「0153」 or 「153号」 for this year's
 * (or, in early January, last year's). */

import { parseChineseNumber } from '../text/numerals.js';
import { UserError } from '../user-error.js';

export const formatTicketNumber = (year: number, seq: number): string =>
  `${year}-${String(seq).padStart(4, '0')}`;

/**
 * With its year the number may stand glued to words (「单号2026-0090」, 「我想问问2026-0151」), have a space for the
 * dash (「2026 0160」) or lose it (「20260133」); without, it stands apart or after the word that names it
 * (「单号0131」), else 「3个灯泡」 or 「5号楼」 would read as numbers. Two short forms are numbers anywhere: four
 * digits with a leading zero (「查下0203」), and N号 followed by what is asked about it (「211号的进度」).
 */
const TOKEN =
  /(?:(?<!\d)(?<year>20\d{2})(?:[-－—.]|\s(?=\d{4}(?!\d))|年(?=\d{3,}))(?<seq>\d{1,6})|(?<!\d)(?<year8>20\d{2})(?<seq8>\d{4})(?!\d)|(?:(?<=^|[\s，,:：])|(?<=单号|编号|诉求|素求|号码))第?(?<short>\d{1,6})|(?<!\d)(?<padded>0\d{3})(?!\d)|(?<!\d)(?<asked>\d{1,4})(?=号(?:的|那个|这个)?(?:进度|诉求|单子|投诉|事)))号?(?=$|[\s，,:：]|[^\d号])/u;

/** 二〇二六-0120: a year said in Chinese digits before an Arabic sequence (voice input writes years so). */
const SPOKEN_DIGITS = '〇一二三四五六七八九';
const SPOKEN_YEAR = /二[〇零][〇零一二三四五六七八九]{2}(?=\s*[-－—.杠]?\s*[\d〇零])/gu;
/** 「一百七十二号诉求」: N号 before what is asked about it, said in Chinese numerals. */
const SPOKEN_ASKED = /[一二两三四五六七八九十百零]+(?=号(?:的|那个|这个)?(?:进度|诉求|单子|投诉|事))/gu;
/** 「二零二六杠零一五五」: the dash said as 杠 and the sequence in Chinese digits too. */
const SPOKEN_SEQUENCE =
  /(?<=\d{4}\s*)(?:杠|横杠)?\s*([〇零一二三四五六七八九]{3,4})(?![〇零一二三四五六七八九])/u;

/** A number in a number's place that no complaint can have: a sequence past six digits (2026-99999999999). */
const MALFORMED = /(?<=^|[\s，,:：])第?(?:\d{4}[-－—.]\d{7,}|(?!20\d{6}(?!\d))\d{7,})/u;

export interface TicketRef {
  number: string;
  /** For a number typed without its year: the same number last year's, which it may mean (early January). */
  lastYear: string | null;
}

/**
 * The first complaint number in a command's text (「2026-0153 已疏通」, 「满意 153号」) and the text without
 * it, or null. A number without a year is this year's (`year`), or last year's. A number glued to a word
 * (「3个灯泡」) is not one.
 */
export function findTicketNumber(raw: string, year: number): (TicketRef & { rest: string }) | null {
  const spoken = (digits: string) =>
    [...digits].map((c) => String(SPOKEN_DIGITS.indexOf(c === '零' ? '〇' : c))).join('');
  const text = raw
    .replace(SPOKEN_ASKED, (n) => String(parseChineseNumber(n) ?? n))
    .replace(SPOKEN_YEAR, spoken)
    .replace(SPOKEN_SEQUENCE, (_, sequence: string) => `-${spoken(sequence)}`);
  const m = TOKEN.exec(text);
  const bad = MALFORMED.exec(text);
  // Read as far as it is valid, 「2026-99999999999」 would become 2026-2026: say it is no number instead.
  if (bad && (!m || bad.index <= m.index)) {
    throw new UserError(`「${bad[0]}」不是诉求编号。编号像「2026-0153」，请核对后再发。`);
  }
  if (!m?.groups) return null;
  const next = text.slice(m.index + m[0].length);
  // 「139开头的」 is the start of a phone number.
  if (/^(?:[个件只张天次元块月日年岁层楼栋幢号单室]|开头|打头|结尾)/.test(next)) return null;
  const given = m.groups.year ?? m.groups.year8;
  const seq = Number(m.groups.seq ?? m.groups.seq8 ?? m.groups.short ?? m.groups.padded ?? m.groups.asked);
  if (seq <= 0) return null;
  const number = formatTicketNumber(given ? Number(given) : year, seq);
  const lastYear = given ? null : formatTicketNumber(year - 1, seq);
  const rest = `${text.slice(0, m.index)} ${next}`
    .replace(/^[\s，,:：]+/, '')
    .replace(/\s+/g, ' ')
    .trim();
  return { number, lastYear, rest };
}
