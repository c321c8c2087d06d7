/** A time of day as members write it: 19:00, 7点, 晚上七点, 下午2点半, 两点一刻. */

import { foldWidth } from './normalise.js';
import { NUMERAL_CHARS, parseChineseNumber } from './numerals.js';

export const PART_OF_DAY = '上午|下午|晚上|早上|早晨|中午|傍晚|凌晨|夜里';
export const HOUR = '\\d{1,2}|[零一二两三四五六七八九十]{1,3}';
/** 9:30, 九点, 9点半, 两点一刻, 十点二十分: a bare number is not a time. */
export const CLOCK = String.raw`\d{1,2}:\d{2}|(?:${HOUR})(?:点钟?|时)(?:半|一刻|三刻|(?:\d{1,2}|[零一二三四五六七八九十]{1,3})分?(?![个小钟天]))?`;

const COLON_TIME = /^(\d{1,2}):(\d{2})$/;
const CHINESE_TIME = /^(.+?)(?:点钟?|时)(.*?)分?$/;
const NOT_INSIDE_NUMBER = `(?<![0-9.:${NUMERAL_CHARS}])`;
const CLOCK_TIME = new RegExp(`${NOT_INSIDE_NUMBER}(?:(?<part>${PART_OF_DAY})\\s*)?(?<clock>${CLOCK})`);

/** Minutes since midnight for 九点半 / 9:30 / 两点一刻, moved to the afternoon by 下午, 晚上, 中午一点; NaN if not a time. */
export function clockMinutes(clock: string, partOfDay: string | undefined): number {
  const parts = COLON_TIME.exec(clock) ?? CHINESE_TIME.exec(clock);
  const hour = parseChineseNumber(parts?.[1] ?? '');
  const rest = parts?.[2] ?? '';
  const minute = { '': 0, 半: 30, 一刻: 15, 三刻: 45 }[rest] ?? parseChineseNumber(rest);
  if (hour === undefined || minute === undefined || !Number.isInteger(hour) || !Number.isInteger(minute)) {
    return Number.NaN;
  }
  if (hour > 24 || minute > 59) return Number.NaN;
  const afternoon =
    (partOfDay !== undefined && /下午|晚上|傍晚|夜里/.test(partOfDay) && hour < 12) ||
    (partOfDay === '中午' && hour < 11);
  return (afternoon ? hour + 12 : hour) * 60 + minute;
}

export interface ClockMatch {
  /** Minutes since midnight. */
  minutes: number;
  /** Whether 上午/下午/晚上… was written: without it, 两点 may mean 14:00. */
  partOfDay: boolean;
  /** The substring of the input that was read, e.g. '下午2点半'. */
  matched: string;
  index: number;
}

/** The first time of day in `text`, or undefined (also for 25:00 or 9:75). */
export function parseClockTime(text: string): ClockMatch | undefined {
  const m = CLOCK_TIME.exec(foldWidth(text));
  if (!m) return undefined;
  const minutes = clockMinutes(m.groups?.clock ?? '', m.groups?.part);
  if (!Number.isFinite(minutes) || minutes >= 24 * 60) return undefined;
  return {
    minutes,
    partOfDay: m.groups?.part !== undefined,
    matched: text.slice(m.index, m.index + m[0].length),
    index: m.index,
  };
}

/** 570 → '09:30'. */
export const formatClock = (minutes: number): string =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
