/**
 * The calendar date a member means: 昨儿, 上礼拜五, 十二月三号, 11/20, 20号, 2026年11月20日. Words for a part of
 * the day (上午, 下午) are left to the duration parser.
 */

import { UserError } from '../user-error.js';
import {
  type CivilDate,
  civilToday,
  dayNumber,
  fromDayNumber,
  type IsoDate,
  isoDate,
  isoWeekday,
  isValidCivil,
} from './calendar.js';
import { foldWidth } from './normalise.js';
import { parseChineseNumber } from './numerals.js';
import {
  alternation,
  MONTH_OFFSETS,
  MONTH_WORD,
  monthNumber,
  shiftMonth,
  YEAR_OFFSETS,
  YEAR_WORD,
} from './relative-words.js';
import { bestHit, type Hit, hitAt, matchedText } from './scan.js';

export interface DateMatch {
  date: IsoDate;
  /** The substring of the input that was read, e.g. '上礼拜五'. */
  matched: string;
  index: number;
}

/** 昨儿个 and 昨晚上 are whole words: reading only 昨儿 or 昨晚 would leave 个 or 上 behind in the text. */
const DAY_OFFSETS: Readonly<Record<string, number>> = {
  大前天: -3,
  大前儿: -3,
  大前儿个: -3,
  前天: -2,
  前儿: -2,
  前儿个: -2,
  昨天: -1,
  昨儿: -1,
  昨儿个: -1,
  昨个: -1,
  昨日: -1,
  昨晚: -1,
  昨晚上: -1,
  昨夜: -1,
  今天: 0,
  今儿: 0,
  今儿个: 0,
  今个: 0,
  今日: 0,
  今早: 0,
  今早上: 0,
  今晚: 0,
  今晚上: 0,
  明天: 1,
  明儿: 1,
  明儿个: 1,
  明日: 1,
  后天: 2,
  大后天: 3,
};
/** 之前儿子: 儿 there starts 儿子, not 前儿. */
const RELATIVE_DAY = new RegExp(`(?:${alternation(Object.keys(DAY_OFFSETS))})(?!子)`, 'g');

const WEEK_OFFSETS: Readonly<Record<string, number>> = { 上上: -14, 上: -7, 这: 0, 本: 0, 下: 7, 下下: 14 };
const WEEKDAYS: Readonly<Record<string, number>> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7 };
/** 每周三 is a rule, not a date; 上周五个小时 is a count of hours. */
const WEEKDAY = new RegExp(
  `(?<!每)(?:(?<week>${alternation(Object.keys(WEEK_OFFSETS))})个?)?(?:周|礼拜|星期)(?<wd>[一二三四五六日天])` +
    '(?!个|小时|钟头|分钟)',
  'g',
);

const CN_DAY = '[零一二两三四五六七八九十]{1,3}';
const NOT_INSIDE_NUMBER = '(?<![0-9.:/\\-零一二两三四五六七八九十百千万])';
/** 3号楼, 2号线, 5号门: 号 naming a place. */
const DAY_SUFFIX = '(?:日|号(?!楼|栋|院|门|线|床|房|室|单元|口|车|窗|柜|桌))';
/** An Arabic day may drop 日/号 (11月20); a Chinese one may not (十二月三 could go on to 三个人). */
const DAY = `(?:(?<dA>\\d{1,2})(?:${DAY_SUFFIX}|(?![0-9号日]))|(?<dC>${CN_DAY})${DAY_SUFFIX})`;
const YEAR = `(?:(?<y>\\d{4}|[零一二三四五六七八九]{4})\\s*年|(?<yw>${YEAR_WORD}))\\s*`;
const MONTH_DAY = new RegExp(
  `${NOT_INSIDE_NUMBER}(?:${YEAR})?(?<m>\\d{1,2}|[一二三四五六七八九十]{1,2})\\s*月\\s*${DAY}`,
  'g',
);
const RELATIVE_MONTH_DAY = new RegExp(`(?<rm>${MONTH_WORD})月\\s*${DAY}`, 'g');
const ISO = /(?<![0-9])(?<y>\d{4})(?<sep>[-/.])(?<m>\d{1,2})\k<sep>(?<d>\d{1,2})(?![0-9])/g;
/** 11.20, 11/20, but not 15.5元, 1.5小时 or 3/4个. */
const SHORT =
  /(?<![0-9.:/-])(?<m>\d{1,2})[./](?<d>\d{1,2})(?![0-9]|\s*[.:/%元块角毛分小个天万千百点号日倍斤米公])/g;
const DAY_ONLY = new RegExp(
  `${NOT_INSIDE_NUMBER}(?<!月\\s*)(?:(?<dA>\\d{1,2})|(?<dC>${CN_DAY}))${DAY_SUFFIX}`,
  'g',
);

export interface DateOptions {
  /**
   * Which way an incomplete date (11月20日, 20号, 周三) points. 'past' (the default): the latest one not after
   * tomorrow — members mostly log what they did, and "tomorrow" leaves room for a date typed just before
   * midnight. 'future': the earliest one from today on — for plans such as study days.
   */
  prefer?: 'past' | 'future';
}

/**
 * The first date in `text`, resolved in `timeZone` at `now`. Without a year (11月20日) or a month (20号), the
 * date follows `options.prefer`; so does a bare weekday (周三, 礼拜六: the latest up to today, or the next from
 * today on). With 这/本/上/下 a weekday is that day of this/last/next ISO week (Monday first), future or not.
 * A month and day the calendar does not have (2月30日; 2月29日 with no leap year near) throws a UserError that
 * says so, rather than being read as no date at all.
 */
export function parseDate(
  text: string,
  now: Date,
  timeZone: string,
  options: DateOptions = {},
): DateMatch | undefined {
  const folded = foldWidth(text);
  const today = civilToday(now, timeZone);
  const prefer = options.prefer ?? 'past';
  const hits: Hit<CivilDate | undefined>[] = [];
  const add = (m: RegExpExecArray, value: CivilDate | undefined) => hits.push(hitAt(m, value));
  // A month and day written out (2月30日, 13月1日, 2026-02-30) that no nearby year has: said, not skipped.
  const impossible = new Set<Hit<CivilDate | undefined>>();
  const addWritten = (m: RegExpExecArray, value: CivilDate | undefined) => {
    add(m, value);
    if (!value) impossible.add(hits.at(-1)!);
  };

  const todayN = dayNumber(today);
  for (const m of folded.matchAll(RELATIVE_DAY)) add(m, fromDayNumber(todayN + (DAY_OFFSETS[m[0]] ?? 0)));
  for (const m of folded.matchAll(WEEKDAY))
    add(m, weekday(todayN, m.groups?.week, m.groups?.wd ?? '', prefer));
  for (const m of folded.matchAll(MONTH_DAY)) {
    const { y, yw, m: month = '' } = m.groups ?? {};
    const year = y ? parseChineseNumber(y) : yw ? today.year + (YEAR_OFFSETS[yw] ?? 0) : undefined;
    addWritten(m, monthDay(today, prefer, year, monthNumber(month), dayOf(m)));
  }
  for (const m of folded.matchAll(RELATIVE_MONTH_DAY)) {
    const { year, month } = shiftMonth(today.year, today.month, MONTH_OFFSETS[m.groups?.rm ?? ''] ?? 0);
    addWritten(m, checked({ year, month, day: dayOf(m) ?? 0 }));
  }
  for (const m of folded.matchAll(ISO)) {
    addWritten(
      m,
      checked({ year: Number(m.groups?.y), month: Number(m.groups?.m), day: Number(m.groups?.d) }),
    );
  }
  for (const m of folded.matchAll(SHORT)) {
    add(m, monthDay(today, prefer, undefined, monthNumber(m.groups?.m ?? ''), Number(m.groups?.d)));
  }
  for (const m of folded.matchAll(DAY_ONLY)) add(m, dayOfMonth(today, prefer, dayOf(m)));

  const hit = bestHit(hits);
  if (hit && impossible.has(hit)) {
    throw new UserError(`日历上没有「${matchedText(text, hit).trim()}」这一天，请核对日期后再发。`);
  }
  return hit?.value && { date: isoDate(hit.value), matched: matchedText(text, hit), index: hit.index };
}

const dayOf = (m: RegExpExecArray): number | undefined =>
  parseChineseNumber(m.groups?.dA ?? m.groups?.dC ?? '');

const checked = (c: CivilDate): CivilDate | undefined =>
  isValidCivil(c.year, c.month, c.day) ? c : undefined;

type Prefer = NonNullable<DateOptions['prefer']>;

function weekday(
  todayN: number,
  week: string | undefined,
  wd: string,
  prefer: Prefer,
): CivilDate | undefined {
  const target = WEEKDAYS[wd];
  if (target === undefined) return undefined;
  const current = isoWeekday(todayN);
  if (week === undefined) {
    return fromDayNumber(
      prefer === 'past' ? todayN - ((current - target + 7) % 7) : todayN + ((target - current + 7) % 7),
    );
  }
  const monday = todayN - (current - 1);
  return fromDayNumber(monday + (WEEK_OFFSETS[week] ?? 0) + target - 1);
}

/** With no year given, the nearest such date in the preferred direction (this year's, or the year before/after). */
function monthDay(
  today: CivilDate,
  prefer: Prefer,
  year: number | undefined,
  month: number | undefined,
  day: number | undefined,
): CivilDate | undefined {
  if (month === undefined || day === undefined) return undefined;
  if (year !== undefined) return checked({ year, month, day });
  return nearest(today, prefer, 1, (offset) => ({ year: today.year + offset, month, day }));
}

/** 20号: this month's 20th, else the month before (past) or after (future); a 31st may skip a month. */
function dayOfMonth(today: CivilDate, prefer: Prefer, day: number | undefined): CivilDate | undefined {
  if (day === undefined) return undefined;
  return nearest(today, prefer, 2, (offset) => ({ ...shiftMonth(today.year, today.month, offset), day }));
}

/**
 * Past: tries `candidate(1)`, `candidate(0)` … `candidate(-steps)` for the latest date not after tomorrow.
 * Future: `candidate(0)` … `candidate(steps)` for the earliest not before today. A step is a year or a month;
 * years go one step only, so 2月29日 in 2026 is an error, not 2024 or 2028.
 */
function nearest(
  today: CivilDate,
  prefer: Prefer,
  steps: number,
  candidate: (offset: number) => CivilDate,
): CivilDate | undefined {
  const todayN = dayNumber(today);
  const offsets =
    prefer === 'past'
      ? Array.from({ length: steps + 2 }, (_, i) => 1 - i)
      : Array.from({ length: steps + 1 }, (_, i) => i);
  for (const offset of offsets) {
    const date = checked(candidate(offset));
    if (!date) continue;
    const n = dayNumber(date);
    if (prefer === 'past' ? n <= todayN + 1 : n >= todayN) return date;
  }
  return undefined;
}
