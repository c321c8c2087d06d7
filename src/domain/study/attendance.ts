/** How members took part in study sessions, and the figures the secretary reports. */

import type { IsoDate, YearMonth } from '../text/calendar.js';

export const ATTENDANCE_KINDS = ['signed', 'leave', 'remote', 'home_delivered', 'makeup'] as const;
export type AttendanceKind = (typeof ATTENDANCE_KINDS)[number];

export const ATTENDANCE_LABELS: Record<AttendanceKind, string> = {
  signed: '签到',
  leave: '请假',
  remote: '远程学习',
  home_delivered: '送学上门',
  makeup: '补签',
};

/**
 * What a new record may overwrite, so a member's one record per session ends up the most telling: coming after
 * all beats a leave; the secretary's 补签 beats remote study; asking leave again only updates the reason.
 * Anything else is kept, and the person is told what is already recorded.
 */
const REPLACES: Record<AttendanceKind, readonly AttendanceKind[]> = {
  signed: ['leave', 'remote', 'home_delivered'],
  makeup: ['leave', 'remote', 'home_delivered'],
  remote: ['leave'],
  home_delivered: ['leave', 'remote'],
  leave: ['leave'],
};
export const mayReplace = (existing: AttendanceKind, next: AttendanceKind): boolean =>
  REPLACES[next].includes(existing);

/** A member's result for one session: a record, or nothing (absent without leave). */
export type Outcome = AttendanceKind | 'absent';

export const OUTCOME_LABELS: Record<Outcome, string> = { ...ATTENDANCE_LABELS, absent: '缺席' };

/** Present in the room: signed in, or the secretary recorded it afterwards (补签). */
export const wasPresent = (o: Outcome): boolean => o === 'signed' || o === 'makeup';
/** Studied the material elsewhere: remotely, or brought home by the branch (送学上门). */
export const studiedElsewhere = (o: Outcome): boolean => o === 'remote' || o === 'home_delivered';
/** Took part in organisational life. Leave is excused, but it is not taking part. */
export const tookPart = (o: Outcome): boolean => wasPresent(o) || studiedElsewhere(o);

export interface AttendanceRecord {
  memberId: string;
  kind: AttendanceKind;
}

/**
 * Each expected member's outcome, absent without a record. Records of anyone not expected (staff, a suspended
 * member, someone recorded before moving branch) are left out: they would swell 应到 and the rates.
 */
export function outcomes(
  expected: readonly string[],
  records: readonly AttendanceRecord[],
): Map<string, Outcome> {
  const result = new Map<string, Outcome>(expected.map((id) => [id, 'absent']));
  for (const r of records) if (result.has(r.memberId)) result.set(r.memberId, r.kind);
  return result;
}

/** 应到 / 实到 / 请假 / 远程 / 缺席 of one session. */
export interface Tally {
  expected: number;
  present: number;
  leave: number;
  remote: number;
  absent: number;
}

/** The counts of a session's outcomes (or of one member's over several sessions: then `expected` is the total). */
export function tally(results: Iterable<Outcome>): Tally {
  const t: Tally = { expected: 0, present: 0, leave: 0, remote: 0, absent: 0 };
  for (const o of results) {
    t.expected++;
    if (wasPresent(o)) t.present++;
    else if (studiedElsewhere(o)) t.remote++;
    else if (o === 'leave') t.leave++;
    else t.absent++;
  }
  return t;
}

/** 5 of 6 → '83%'; nothing expected → '—'. */
export const percent = (part: number, whole: number): string =>
  whole === 0 ? '—' : `${Math.round((part / whole) * 100)}%`;

/** Consecutive unexcused absences at the newest end of `history` (newest first); any record ends the run. */
export function absenceStreak(history: readonly Outcome[]): number {
  const firstRecord = history.findIndex((o) => o !== 'absent');
  return firstRecord === -1 ? history.length : firstRecord;
}

export interface HeldSession {
  date: IsoDate;
  expected: readonly string[];
  records: readonly AttendanceRecord[];
}

export interface Inactive {
  memberId: string;
  /** Sessions they were expected at in the period. */
  sessions: number;
  /** Of those, how many they asked leave for: the branch weighs whether the reasons were proper. */
  leaves: number;
}

/**
 * Members who took part in none of `sessions` (held from `sinceMonth` on), counting only those expected at a
 * session of `sinceMonth` itself: someone who joined the branch later has not been away the whole period.
 * Art. 9 of the Constitution speaks of six months without proper reason; whether a reason was proper is the
 * branch's judgement, so this lists facts, never a decision.
 */
export function inactiveMembers(sessions: readonly HeldSession[], sinceMonth: YearMonth): Inactive[] {
  const fromStart = new Set(
    sessions.filter((s) => s.date.startsWith(sinceMonth)).flatMap((s) => [...s.expected]),
  );
  const seen = new Map<string, Inactive & { tookPart: boolean }>();
  for (const s of sessions) {
    for (const [memberId, o] of outcomes(s.expected, s.records)) {
      const entry = seen.get(memberId) ?? { memberId, sessions: 0, leaves: 0, tookPart: false };
      entry.sessions++;
      if (o === 'leave') entry.leaves++;
      if (tookPart(o)) entry.tookPart = true;
      seen.set(memberId, entry);
    }
  }
  return [...seen.values()]
    .filter((e) => !e.tookPart && fromStart.has(e.memberId))
    .map(({ memberId, sessions: n, leaves }) => ({ memberId, sessions: n, leaves }));
}
