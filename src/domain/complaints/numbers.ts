/** Complaint numbers: per community and year, 「2026-0153」. People may type 「0153」 or 「153号」 for this year's. */

export const formatTicketNumber = (year: number, seq: number): string =>
  `${year}-${String(seq).padStart(4, '0')}`;

const TOKEN =
  /(?<=^|[\s，,:：])(?:(?<year>\d{4})[-－—.](?<seq>\d{1,6})|第?(?<short>\d{1,6}))号?(?=$|[\s，,:：]|[^\d号])/u;

/**
 * The first complaint number in a command's text (「2026-0153 已疏通」, 「满意 153号」) and the text without
 * it, or null. A number without a year is this year's (`year`). A number glued to a word (「3个灯泡」) is
 * not one.
 */
export function findTicketNumber(text: string, year: number): { number: string; rest: string } | null {
  const m = TOKEN.exec(text);
  if (!m?.groups) return null;
  const next = text.slice(m.index + m[0].length);
  if (/^[个件只张天次元块月日年岁层楼栋幢号单]/.test(next)) return null;
  const seq = Number(m.groups.seq ?? m.groups.short);
  if (seq <= 0) return null;
  const number = formatTicketNumber(m.groups.year ? Number(m.groups.year) : year, seq);
  const rest = `${text.slice(0, m.index)} ${next}`
    .replace(/^[\s，,:：]+/, '')
    .replace(/\s+/g, ' ')
    .trim();
  return { number, rest };
}
