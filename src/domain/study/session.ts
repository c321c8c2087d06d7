/** A study session as the commands show it. */

import type { IsoDate } from '../text/calendar.js';

export const SESSION_STATUSES = ['scheduled', 'moved', 'cancelled'] as const;
/** scheduled: held on `date`; moved: the secretary moved it away (see movedTo); cancelled: not held. */
export type SessionStatus = (typeof SESSION_STATUSES)[number];

export interface SessionView {
  date: IsoDate;
  time: string;
  durationMinutes: number;
  place: string;
  /** Empty: the branch's default topic applies. */
  topic: string;
  link: string | null;
  status: SessionStatus;
  /** The day it was first planned for, when a holiday or the secretary moved it. */
  originalDate: IsoDate | null;
  /** Why it was moved or cancelled, in the secretary's words (or the holiday's). */
  reason: string;
  movedTo: IsoDate | null;
  calendarKnown: boolean;
}
