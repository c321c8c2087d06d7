/**
 * A branch's study-day rule as a secretary (or the demo file) writes it:
 *   每月10日、25日 19:00 社区党群服务中心 遇节假日顺延
 *   每月第二、第四个周三 下午2点半-4点半 党群服务中心二楼 提前
 */

import { formatClock, parseClockTime, parseDurationMinutes } from '../text/index.js';
import { foldWidth } from '../text/normalise.js';
import { parseChineseNumber } from '../text/numerals.js';
import { MEETING_TIME_ERROR, meetingStart } from './meeting-clock.js';
import type { HolidayPolicy, StudyRule } from './rule.js';
import { ruleProblem } from './rule.js';

export interface ScheduleDraft {
  /** 「设置学习日 退休支部 …」: an officer of the whole community names the branch. */
  branchName: string | null;
  rule: StudyRule;
  /** 'HH:mm'. */
  time: string;
  durationMinutes: number;
  place: string;
  holidayPolicy: HolidayPolicy;
  /** Default topic of every session, until one is set for a day. */
  topic: string;
}

export type ScheduleParse =
  | { ok: true; draft: ScheduleDraft }
  | { ok: false; missing: 'rule' | 'time' | 'place' }
  | { ok: false; error: string };

export const DEFAULT_DURATION_MINUTES = 120;

const SEP = '\\s*(?:、|,|，|和|及|与|/)\\s*';
/** Not the hour of 19:00 or 七点. */
const DAY = '(?:\\d{1,2}|[一二三四五六七八九十]{1,3})(?![\\d:：点时])';
const MONTH_DAYS = new RegExp(`每个?月\\s*(?<days>${DAY}\\s*[日号]?(?:${SEP}${DAY}\\s*[日号]?)*)`);
/** 第五 is read so that it can be refused with a reason. */
const NTH = '(?:第?\\s*(?:[一二三四五1-5])|最后一)';
const NTH_WEEKDAY = new RegExp(
  `每个?月\\s*(?<nths>${NTH}(?:${SEP}${NTH})*)\\s*个?\\s*(?:周|星期|礼拜)(?<wd>[一二三四五六日天1-7])`,
);
const WEEKDAY_NUMBER: Readonly<Record<string, number>> = {
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  日: 7,
  天: 7,
};
const POLICIES: ReadonlyArray<readonly [RegExp, HolidayPolicy]> = [
  [/(?:遇|逢)?(?:节假日|法定节假日|节日|放假)?\s*(?:顺延|延后|推迟|往后顺)/, 'postpone'],
  [/(?:遇|逢)?(?:节假日|法定节假日|节日|放假)?\s*提前/, 'advance'],
  [/(?:遇|逢)?(?:节假日|法定节假日|节日|放假)?\s*(?:照常|不调整|不变)/, 'keep'],
];
const BRANCH = /^(?<name>[\u4e00-\u9fff\w]{1,20}支部)\s+/;
const TOPIC = /(?:默认)?主题\s*[:：]?\s*(?<topic>.+)$/;

function readRule(text: string): { rule: StudyRule; matched: string } | null {
  const nth = NTH_WEEKDAY.exec(text);
  if (nth?.groups) {
    const nths = (nth.groups.nths ?? '')
      .split(new RegExp(SEP))
      .map((n) => (n.includes('最后') ? -1 : (parseChineseNumber(n.replace(/第|\s/g, '')) ?? 0)));
    const weekday = WEEKDAY_NUMBER[nth.groups.wd ?? ''] ?? Number(nth.groups.wd);
    return { rule: { kind: 'nthWeekday', weekday, nths: [...new Set(nths)] }, matched: nth[0] };
  }
  const days = MONTH_DAYS.exec(text);
  if (days?.groups) {
    const list = (days.groups.days ?? '')
      .split(new RegExp(SEP))
      .map((d) => parseChineseNumber(d.replace(/[日号\s]/g, '')) ?? 0);
    return { rule: { kind: 'monthDays', days: [...new Set(list)].sort((a, b) => a - b) }, matched: days[0] };
  }
  return null;
}

const cut = (text: string, part: string) => (part ? text.replace(part, ' ') : text);

/** Reads the rule, time (and length), place, holiday policy and default topic; asks for what is missing. */
export function parseScheduleText(input: string): ScheduleParse {
  let text = foldWidth(input).trim();
  const branchName = BRANCH.exec(text)?.groups?.name ?? null;
  if (branchName) text = text.slice(text.indexOf(branchName) + branchName.length);

  const topicMatch = TOPIC.exec(text);
  const topic = topicMatch?.groups?.topic?.trim() ?? '';
  if (topicMatch) text = text.slice(0, topicMatch.index);

  const read = readRule(text);
  if (!read) return { ok: false, missing: 'rule' };
  const problem = ruleProblem(read.rule);
  if (problem) return { ok: false, error: problem };
  text = cut(text, read.matched);

  let holidayPolicy: HolidayPolicy = 'postpone';
  for (const [pattern, policy] of POLICIES) {
    const m = pattern.exec(text);
    if (m) {
      holidayPolicy = policy;
      text = cut(text, m[0]);
      break;
    }
  }

  const duration = parseDurationMinutes(text);
  const clock = parseClockTime(text);
  if (!clock) return { ok: false, missing: 'time' };
  const minutes = meetingStart(clock);
  if (minutes === null) return { ok: false, error: MEETING_TIME_ERROR };
  // 19:00-21:00 is both the time and the length: cut it once.
  const range = duration && duration.index <= clock.index && duration.matched.includes(clock.matched);
  for (const part of range ? [duration.matched] : [clock.matched, duration?.matched ?? ''])
    text = cut(text, part);
  const durationMinutes = duration?.minutes ?? DEFAULT_DURATION_MINUTES;
  if (durationMinutes < 30 || durationMinutes > 8 * 60)
    return { ok: false, error: '学习时长要在半小时到8小时之间。' };

  const place = text
    .replace(/地点\s*[:：]?|(?:^|\s)在(?=\S)/g, ' ')
    .replace(/[,，、;；。]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (!place) return { ok: false, missing: 'place' };
  return {
    ok: true,
    draft: {
      branchName,
      rule: read.rule,
      time: formatClock(minutes),
      durationMinutes,
      place,
      holidayPolicy,
      topic,
    },
  };
}
