/**
 * What a member writes to bind their WeCom account to their roster row: their name and the last four digits
 * of the phone on the roster — 「王桂兰 1234」, 「王桂兰，手机后四位1234」, 「我是王桂兰 1234」.
 */
const ANSWER =
  /^(?:我是|我叫)?([\u4e00-\u9fa5·]{2,6}?)\s*[，,、\s]?\s*(?:手机|电话)?(?:号码?)?(?:后四位|尾号)?(?:是)?[:：]?\s*(\d{4})$/;

export interface BindingAnswer {
  name: string;
  lastFour: string;
}

export function parseBindingAnswer(text: string): BindingAnswer | null {
  const m = ANSWER.exec(text.trim());
  return m?.[1] && m[2] ? { name: m[1], lastFour: m[2] } : null;
}

/** Whether a stored phone (13901010011, 010-64231579, 64231578) ends with these four digits. */
export const phoneEndsWith = (phone: string | null | undefined, lastFour: string): boolean =>
  (phone ?? '').replace(/\D/g, '').endsWith(lastFour);

/** Wrong answers allowed in a day before the bot stops trying and the secretary is told. */
export const MAX_BINDING_ATTEMPTS = 5;
