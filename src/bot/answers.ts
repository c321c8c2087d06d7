import { parseDate, parseDurationMinutes } from '../domain/text/index.js';

/**
 * What kind of answer a question expects. Strict kinds take only a reply of that shape; `place` and `text`
 * take any reply that is not a counter-question (the engine still lets a request for another command through
 * for `place`, since a place can be any words).
 */
export type AnswerKind =
  | 'yes-no'
  | 'choice'
  | 'place'
  | 'name'
  | 'date'
  | 'number'
  | 'amount'
  | 'rating'
  | 'text';

export interface Expectation {
  kind: AnswerKind;
  /** A reply that would fit, shown when the person asks what the question means. */
  example: string;
}

export const expects = (kind: AnswerKind, example: string): Expectation => ({ kind, example });

/** How the engine reads a reply to its question. */
export type Verdict = 'answer' | 'counter' | 'other';

/** 「啥意思」「什么」「？」「你说啥」: the person did not understand the question. */
const COUNTER =
  /^(?:啥|啥意思|啥子|什么|什么意思|什么呀|啥呀|你说啥|说啥|你说什么|说什么|怎么说|啥叫|什么叫|没听懂|没看懂|听不懂|看不懂|不懂|不明白|不太明白|咋回事|怎么回事|怎么回答|咋回答|咋弄|怎么弄|问啥|问什么|\?+)(?:呢|呀|啊|嘛|了)?[?。.!！~～]*$/;

const YES_NO =
  /^(?:是|是的|是啊|对|对的|对啊|嗯|嗯嗯|好|好的|行|可以|确认|确定|没错|不是|不|不对|没有|不用|不要|否|不用了|不是的)[。.!！啊呀吧的了\s]*$/;

const RATING = /满意|不满意|还行|还可以|一般|不好|挺好|很好/;
const NAME = /^[\u4e00-\u9fa5·]{2,5}(?:\s|$)/;
const HAS_NUMBER = /\d|[一二两三四五六七八九十百千万]/;

/** A choice is a few words: a sentence with its own date or duration is a new request, not a choice. */
const CHOICE_MAX_CHARS = 10;
const PLACE_MAX_CHARS = 40;

export function isCounterQuestion(text: string): boolean {
  return COUNTER.test(text.replace(/\s+/g, ''));
}

/** Pure: does `text` fit what the question expects? `now`/`timeZone` read dates the way parsers do. */
export function judgeAnswer(expected: Expectation, text: string, now: Date, timeZone: string): Verdict {
  const reply = text.trim();
  if (reply === '' || isCounterQuestion(reply)) return 'counter';
  return fits(expected.kind, reply, now, timeZone) ? 'answer' : 'other';
}

function fits(kind: AnswerKind, reply: string, now: Date, timeZone: string): boolean {
  switch (kind) {
    case 'yes-no':
      return YES_NO.test(reply);
    case 'choice':
      return (
        [...reply].length <= CHOICE_MAX_CHARS &&
        !parseDurationMinutes(reply) &&
        !parseDate(reply, now, timeZone)
      );
    case 'place':
      return [...reply].length <= PLACE_MAX_CHARS;
    case 'name':
      return NAME.test(reply);
    case 'date':
      return parseDate(reply, now, timeZone) !== undefined;
    case 'number':
    case 'amount':
      return HAS_NUMBER.test(reply);
    case 'rating':
      return RATING.test(reply);
    case 'text':
      return true;
  }
}

const HOW: Record<AnswerKind, (example: string) => string> = {
  'yes-no': () => '请直接回复「是」或「不是」。',
  choice: (e) => `请从上面几项里选一个回复，例如「${e}」。`,
  place: (e) => `就是问事情在什么地方，好转给负责那里的网格长。请回复地点，例如「${e}」，也可以发送位置。`,
  name: (e) => `请回复党员的姓名，例如「${e}」。`,
  date: (e) => `请回复日期，例如「${e}」。`,
  number: (e) => `请回复编号，例如「${e}」。`,
  amount: (e) => `请回复金额或月数，例如「${e}」。`,
  rating: (e) => `请回复「满意」「基本满意」或「不满意」，例如「${e}」。`,
  text: (e) => `请直接用一句话回复，例如「${e}」。`,
};

/** The question again, in other words and with an example, for someone who asked what it meant. */
export function explainQuestion(question: string, expected: Expectation): string {
  return `我刚才问的是：${question}\n${HOW[expected.kind](expected.example)}\n不想办了请回复「取消」。`;
}
