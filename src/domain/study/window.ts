/**
 * When a session starts and ends as instants, and whether signing in is open. Every calendar decision is made
 * on the community's wall clocks (an explicit IANA zone), never the server's.
 */

import { TZDate } from '@date-fns/tz';
import { parseIsoDate } from '../activity.js';
import type { IsoDate } from '../text/calendar.js';

export interface SessionTiming {
  date: IsoDate;
  /** 'HH:mm' on the community's clocks. */
  time: string;
  durationMinutes: number;
}

/** Sign-in opens this long before the start unless the branch says otherwise. */
export const DEFAULT_SIGN_IN_OPENS_MINUTES = 30;

const MINUTE_MS = 60_000;

/** The instant `time` on `date` in `timeZone`. */
export function wallClock(date: IsoDate, time: string, timeZone: string): Date {
  const { year, month, day } = parseIsoDate(date);
  const [hours = 0, minutes = 0] = time.split(':').map(Number);
  return new Date(new TZDate(year, month - 1, day, hours, minutes, timeZone).getTime());
}

export function sessionStart(s: SessionTiming, timeZone: string): Date {
  return wallClock(s.date, s.time, timeZone);
}

export function sessionEnd(s: SessionTiming, timeZone: string): Date {
  return new Date(sessionStart(s, timeZone).getTime() + s.durationMinutes * MINUTE_MS);
}

export interface SignInWindow {
  /** First moment signing in is accepted. */
  opens: Date;
  /** First moment it is no longer accepted: the session's end. */
  closes: Date;
}

export function signInWindow(s: SessionTiming, timeZone: string, opensMinutesBefore: number): SignInWindow {
  const start = sessionStart(s, timeZone);
  return {
    opens: new Date(start.getTime() - opensMinutesBefore * MINUTE_MS),
    closes: sessionEnd(s, timeZone),
  };
}

/** 'early' before the window, 'open' from its opening up to (not including) the session's end, then 'closed'. */
export function signInState(now: Date, window: SignInWindow): 'early' | 'open' | 'closed' {
  if (now.getTime() < window.opens.getTime()) return 'early';
  return now.getTime() < window.closes.getTime() ? 'open' : 'closed';
}

/** 'HH:mm' of an instant on the community's clocks. */
export function clockOf(instant: Date, timeZone: string): string {
  const local = new TZDate(instant.getTime(), timeZone);
  return `${String(local.getHours()).padStart(2, '0')}:${String(local.getMinutes()).padStart(2, '0')}`;
}
