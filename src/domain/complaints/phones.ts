/**
 * Phone numbers in what residents and workers write about a complaint. Descriptions and notes are read by
 * people other than the writer, so every number is taken out when written; the reporter's own mobile is
 * kept in its own field, shown only to those entitled (src/complaints/access.ts).
 */

/** 13800001234, 138 0000 1234, 138-0000-1234. */
const MOBILE = String.raw`1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}`;
/** 010-12345678, (0571)8765 4321, 0571 87654321. */
const WITH_AREA = String.raw`[(（]?0\d{2,3}[)）]?[\s-]?[2-9]\d{2,3}[\s-]?\d{4}`;
/** 87654321, 8765 4321: a local number alone; not 「2026-0153」, which is a ticket number. */
const LOCAL = String.raw`[2-9]\d{2,3} ?\d{4}`;
const LABEL = String.raw`(?:(?:联系)?电话|手机(?:号码?)?|联系方式)?\s*[:：]?\s*`;

const number = (flags: string) =>
  new RegExp(String.raw`${LABEL}(?<![\d-])(${MOBILE}|${WITH_AREA}|${LOCAL})(?![\d-])`, flags);
const ANY = number('g');
const FIRST_MOBILE = new RegExp(String.raw`(?<![\d-])(${MOBILE})(?![\d-])`);

/** The first mobile number in the text, digits only: the number the reporter asks to be called back on. */
export function mobileIn(text: string): string | null {
  const found = FIRST_MOBILE.exec(text)?.[1];
  return found ? found.replace(/\D/g, '') : null;
}

/** The text with every mobile and landline number (and the 「电话：」 before it) taken out. */
export const withoutPhones = (text: string): string => text.replace(ANY, ' ').replace(/\s+/g, ' ').trim();

/** A handler's note asking the reporter for a number to call back on (「方便留个电话吗？」「请留下手机号」). */
export const asksForPhone = (note: string): boolean =>
  /电话|手机|联系方式/.test(note) && /[?？]|吗|方便|请|留|给/.test(note);

/** 「不方便留」「不留了」「算了 不用」: the reporter would rather not give a number — their right. */
export const declinesPhone = (text: string): boolean =>
  /不方便|不留|不想|不给|不用|算了|不要|不愿|没有电话|没手机/.test(text);
