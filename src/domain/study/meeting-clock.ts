/** A meeting's start as secretaries write it: one reading for 设置学习日 and 调整学习日 alike. */

import type { ClockMatch } from '../text/index.js';

/** Earliest and latest start that make sense for a meeting; anything else is a misreading. */
const EARLIEST = 6 * 60;
const LATEST = 21 * 60 + 30;

export const MEETING_TIME_ERROR = '开始时间要在早上6点到晚上9点半之间，例如「19:00」或「下午2点半」。';

/**
 * Minutes after midnight of a meeting's start, or null outside 6:00–21:30. 两点 without 上午/下午 is 14:00:
 * nobody studies at two in the morning.
 */
export function meetingStart(clock: ClockMatch): number | null {
  const minutes = !clock.partOfDay && clock.minutes < EARLIEST ? clock.minutes + 12 * 60 : clock.minutes;
  return minutes < EARLIEST || minutes > LATEST ? null : minutes;
}
