/** What members and secretaries write to the study-day commands, read without touching the database. */

import { dayNumber, fromDayNumber, type IsoDate, isoDate } from '../text/calendar.js';
import { formatClock, parseChineseNumber, parseClockTime, parseDate } from '../text/index.js';
import { foldWidth } from '../text/normalise.js';
import { personNameIn } from '../text/person-name.js';
import { MEETING_TIME_ERROR, meetingStart } from './meeting-clock.js';

type Parsed<T, M extends string> =
  | { ok: true; value: T }
  | { ok: false; missing: M }
  | { ok: false; error: string };

const tidy = (s: string) =>
  s
    .replace(/[,，、;；。]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** A date that is planned rather than done: 10月10日 and 10号 mean the coming one. */
function futureDate(text: string, now: Date, timeZone: string) {
  return parseDate(text, now, timeZone, { prefer: 'future' });
}

const OTHERS = '(?:老伴|老公|老婆|爱人|媳妇|丈夫|妻子|家属|[他她]|老[张王李赵刘陈杨黄周吴孙马])';

/**
 * 帮我老伴也签一个, 我和老伴都到了, 帮老张签一下: signing in for someone else. 帮我手动签一下 is the speaker's own,
 * and so is 老伴送我来的. Signing in is personal; the secretary records others with 补签.
 */
const SIGN_FOR_OTHERS = new RegExp(`也签|[帮替代](?!我)\\S{0,4}签|${OTHERS}(?:也|一起|都)?(?:来了|到了|签)`);
export const signsInForOthers = (text: string): boolean => SIGN_FOR_OTHERS.test(foldWidth(text));

/** 让我帮他请个假, 替老张请假, 帮我老伴请个假 — but 陪老伴去医院 is the speaker's own reason. */
const LEAVE_FOR_OTHERS = new RegExp(`[帮替给代]我?${OTHERS}\\S{0,3}请个?假|[让叫]我[帮替给代]`);
export const asksLeaveForOthers = (text: string): boolean => LEAVE_FOR_OTHERS.test(foldWidth(text));

/**
 * 这个月主题党日线上参加行不行, 算签到吗: a question about taking part remotely, to be answered rather than
 * recorded. 我已学习了 is a statement.
 */
const QUESTION = /行不行|可以吗|可不可以|能不能|能否|行吗|好吗|可以不|[吗么呢][?？]?$|[?？]$/;
export const isQuestion = (text: string): boolean => QUESTION.test(foldWidth(text).trim());

export interface TopicRequest {
  date: IsoDate;
  topic: string;
  link: string | null;
}

const LINK = /https?:\/\/[^\s，。]+/;

/** 学习主题 10月10日 学习二十届四中全会精神 https://… */
export function parseTopicRequest(
  text: string,
  now: Date,
  timeZone: string,
): Parsed<TopicRequest, 'date' | 'topic'> {
  const date = futureDate(text, now, timeZone);
  if (!date) return { ok: false, missing: 'date' };
  const link = LINK.exec(text)?.[0] ?? null;
  const topic = tidy(text.replace(date.matched, ' ').replace(link ?? '', ' ')).replace(
    /^主题\s*[:：]?\s*/,
    '',
  );
  if (!topic) return { ok: false, missing: 'topic' };
  if (topic.length > 60) return { ok: false, error: '主题请控制在60字以内，详细内容可以放在链接里。' };
  return { ok: true, value: { date: date.date, topic, link } };
}

export interface MoveRequest {
  from: IsoDate;
  to: IsoDate;
  /** 'HH:mm', or null to keep the session's time. */
  time: string | null;
  /** Empty to keep the session's place. */
  place: string;
}

// A bare 改 moves only when a day follows it (「12月15 改 12月17」, 「下周一学习改周二下午」).
const MOVE_WORD =
  /改到|改在|改为|改成|调到|调在|调整到|挪到|挪在|换到|换在|移到|放到|推迟到|提前到|改(?=\s*(?:\d|下|这|本|周|礼拜|星期|明天|后天))/;

/** What names the old day when it is said after the new one (「原定26号那次」, 「这周五的不开了」): not a place. */
const OLD_DAY_WORDS = /原定|原来的?|原先的?|本来的?|(?<=^|\s)的|那次|那天|(?:的|学习)?不开了|取消了?/g;

/** 「往后挪两天」, 「提前一天」, 「往后推一个礼拜」: a move by days or weeks rather than to a date. */
const SHIFT =
  /(往后|向后|推迟|延后|顺延|往前|向前|提前)(?:挪|推|延|调)?\s*([一二两三四五六七1-7])\s*(?:(天)|个?\s*(?:礼拜|星期|周))/u;

/** The day `days` after (or before) an ISO date. */
function shifted(date: IsoDate, days: number): IsoDate {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return isoDate(fromDayNumber(dayNumber({ year, month, day }) + days));
}

/** 调整学习日 10月10日 改到 10月12日 19:30 社区活动室; 「25号的学习往后挪两天」 */
export function parseMoveRequest(
  text: string,
  now: Date,
  timeZone: string,
): Parsed<MoveRequest, 'from' | 'to'> {
  const shift = MOVE_WORD.test(text) ? null : SHIFT.exec(text);
  if (shift) {
    const from = futureDate(text.slice(0, shift.index), now, timeZone);
    if (!from) return { ok: false, missing: 'from' };
    const days = (parseChineseNumber(shift[2]!) ?? 0) * (shift[3] ? 1 : 7);
    const sign = /前/.test(shift[1]!) ? -1 : 1;
    // Only the day moves: whatever follows (「通知一下大家」) is not a new place.
    return {
      ok: true,
      value: { from: from.date, to: shifted(from.date, sign * days), time: null, place: '' },
    };
  }
  const split = MOVE_WORD.exec(text);
  const before = split ? text.slice(0, split.index) : text;
  const after = split ? text.slice(split.index + split[0].length) : '';
  const to = futureDate(after, now, timeZone);
  let rest = to ? after.replace(to.matched, ' ') : after;
  // 「学习日改到下礼拜五 这周五的不开了」: the old day may be said after the new one.
  const stated = futureDate(before, now, timeZone);
  const from = stated ?? (to ? futureDate(rest, now, timeZone) : undefined);
  if (!from) return { ok: false, missing: 'from' };
  if (!split || !to) return { ok: false, missing: 'to' };
  if (!stated) rest = rest.replace(from.matched, ' ').replace(OLD_DAY_WORDS, ' ');
  const clock = parseClockTime(rest);
  let time: string | null = null;
  if (clock) {
    const minutes = meetingStart(clock);
    if (minutes === null) return { ok: false, error: MEETING_TIME_ERROR };
    time = formatClock(minutes);
    rest = rest.replace(clock.matched, ' ');
  }
  return {
    ok: true,
    value: { from: from.date, to: to.date, time, place: tidy(rest.replace(/地点\s*[:：]?/, ' ')) },
  };
}

/** 取消学习日 10月10日 社区停电 */
export function parseCancelRequest(
  text: string,
  now: Date,
  timeZone: string,
): Parsed<{ date: IsoDate; reason: string }, 'date' | 'reason'> {
  const date = futureDate(text, now, timeZone);
  if (!date) return { ok: false, missing: 'date' };
  const reason = tidy(text.replace(date.matched, ' ').replace(/^(?:原因|因为)\s*[:：]?/, ''));
  if (!reason) return { ok: false, missing: 'reason' };
  return { ok: true, value: { date: date.date, reason } };
}

/** 请假 明天学习去不了 要去医院复查 → the day if one is named (else the next session) and the words as the reason. */
export function parseLeaveRequest(
  text: string,
  now: Date,
  timeZone: string,
): Parsed<{ date: IsoDate | null; reason: string }, 'reason'> {
  if (asksLeaveForOthers(text)) {
    return {
      ok: false,
      error: '请假要本人来请。家人不方便发消息的话，请直接告诉支部书记，由书记登记。',
    };
  }
  const date = futureDate(text, now, timeZone);
  // A date set apart in front is a label (「2026-11-25 去医院复查」); in a sentence it is part of the reason.
  const label = date?.index === 0 && /^\s/.test(text.slice(date.matched.length));
  const words = label && date ? text.slice(date.matched.length) : text;
  const reason = tidy(words.replace(/^\s*(?:请个?假|原因)\s*[:：]?/, ''));
  if (!reason) return { ok: false, missing: 'reason' };
  return { ok: true, value: { date: date?.date ?? null, reason } };
}

/** Words in front of the name in a sentence: who did it and for whom (「刚才帮」, 「今天去」, 「给」). */
const LEADING_FILLER = /^(?:今天|今儿|刚才|上午|下午|我)*(?:帮忙|帮|给|替|去|到)+\s*/u;

/**
 * 补签 王桂兰 扫码签不上 / 送学上门 王桂兰 10月10日: the words after the command, with a date if one is
 * named (past dates: these are recorded after the fact). The name is matched against the roster by the handler,
 * so 「补签王桂兰扫码签不上」 without spaces works too.
 */
export function parseRecordForMember(
  text: string,
  now: Date,
  timeZone: string,
): Parsed<{ words: string; date: IsoDate | null }, 'name'> {
  const date = parseDate(text, now, timeZone);
  const said = tidy(date ? text.replace(date.matched, ' ') : text);
  if (!said) return { ok: false, missing: 'name' };
  // The handler reads the member as the first word: 「给张秀兰补签 她来了忘签了」 → 「张秀兰 补签 她来了忘签了」.
  const name = personNameIn(said);
  if (!name) return { ok: true, value: { words: said, date: date?.date ?? null } };
  // Who did it for whom (「给」, 「今天去」) stood before the name; what was done follows it.
  const at = said.indexOf(name);
  const before = tidy(said.slice(0, at)).replace(LEADING_FILLER, '');
  const words = tidy(`${name} ${before} ${said.slice(at + name.length)}`);
  return { ok: true, value: { words, date: date?.date ?? null } };
}
