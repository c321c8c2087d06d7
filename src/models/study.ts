import { type Connection, type Model, Schema, type Types } from 'mongoose';
import { ATTENDANCE_KINDS, type AttendanceKind } from '../domain/study/attendance.js';
import { HOLIDAY_POLICIES, type HolidayPolicy, type StudyRule } from '../domain/study/rule.js';
import { SESSION_STATUSES, type SessionStatus } from '../domain/study/session.js';
import { DEFAULT_SIGN_IN_OPENS_MINUTES } from '../domain/study/window.js';
import type { Stored } from './stored.js';

/**
 * Study days. The schedule is a branch's standing rule; sessions are its days, written ahead by the
 * materialiser (one per branch and day: the unique index is what makes re-runs harmless); attendance is one
 * record per session and member. Reminders reuse the Reminder collection (kind, period = session id).
 */

const DATE = { type: String, required: true, match: /^\d{4}-\d{2}-\d{2}$/ } as const;
const TIME = { type: String, required: true, match: /^\d{2}:\d{2}$/ } as const;

const StudyScheduleSchema = new Schema<StudySchedule>(
  {
    communityId: { type: Schema.Types.ObjectId, required: true },
    branchId: { type: Schema.Types.ObjectId, required: true },
    rule: {
      type: new Schema(
        {
          kind: { type: String, enum: ['monthDays', 'nthWeekday'], required: true },
          days: { type: [Number], default: [] },
          weekday: { type: Number, default: null },
          nths: { type: [Number], default: [] },
        },
        { _id: false },
      ),
      required: true,
    },
    time: TIME,
    durationMinutes: { type: Number, required: true },
    place: { type: String, required: true },
    topic: { type: String, default: '' },
    holidayPolicy: { type: String, enum: HOLIDAY_POLICIES, required: true },
    signInOpensMinutes: { type: Number, default: DEFAULT_SIGN_IN_OPENS_MINUTES },
    /** The evening-before reminder, 'HH:mm' on the day before. */
    eveReminderAt: { type: String, default: '18:00', match: /^\d{2}:\d{2}$/ },
    /** The same-day reminder, this long before the start. */
    leadReminderMinutes: { type: Number, default: 120 },
    /** Null when loaded from a file (the demo). */
    setByMemberId: { type: Schema.Types.ObjectId, default: null },
  },
  { timestamps: true },
);
StudyScheduleSchema.index({ branchId: 1 }, { unique: true });

const StudySessionSchema = new Schema<StudySession>(
  {
    communityId: { type: Schema.Types.ObjectId, required: true },
    branchId: { type: Schema.Types.ObjectId, required: true },
    date: DATE,
    time: TIME,
    durationMinutes: { type: Number, required: true },
    place: { type: String, required: true },
    /** Empty: the schedule's default topic. */
    topic: { type: String, default: '' },
    link: { type: String, default: null },
    status: { type: String, enum: SESSION_STATUSES, required: true, default: 'scheduled' },
    /** The day first planned, when a holiday or the secretary moved the session here. */
    originalDate: { type: String, default: null },
    reason: { type: String, default: '' },
    /** For a moved session: the day it was moved to (the session there carries on). */
    movedTo: { type: String, default: null },
    calendarKnown: { type: Boolean, default: true },
    /** 'rule': written by the materialiser and re-planned when the rule changes; 'secretary': moved here by hand. */
    origin: { type: String, enum: ['rule', 'secretary'], required: true },
    /** Who was expected, fixed when the summary is sent so later roster changes do not rewrite history. */
    expectedMemberIds: { type: [Schema.Types.ObjectId], default: null },
  },
  { timestamps: true },
);
StudySessionSchema.index({ branchId: 1, date: 1 }, { unique: true });
StudySessionSchema.index({ communityId: 1, date: 1 });

const AttendanceSchema = new Schema<Attendance>(
  {
    communityId: { type: Schema.Types.ObjectId, required: true },
    branchId: { type: Schema.Types.ObjectId, required: true },
    sessionId: { type: Schema.Types.ObjectId, required: true },
    memberId: { type: Schema.Types.ObjectId, required: true },
    kind: { type: String, enum: ATTENDANCE_KINDS, required: true },
    reason: { type: String, default: '' },
    /** Who recorded it: the member, or the secretary for 补签 / 送学上门. */
    byMemberId: { type: Schema.Types.ObjectId, required: true },
    at: { type: Date, required: true },
    /** The inbound message that wrote it last, and the kind it replaced: a retried message finds its own write. */
    sourceKey: { type: String, default: null },
    previousKind: { type: String, enum: [...ATTENDANCE_KINDS, null], default: null },
  },
  { timestamps: true },
);
AttendanceSchema.index({ sessionId: 1, memberId: 1 }, { unique: true });
AttendanceSchema.index({ memberId: 1, at: -1 });

export interface StudySchedule extends Stored {
  branchId: Types.ObjectId;
  rule: { kind: StudyRule['kind']; days: number[]; weekday: number | null; nths: number[] };
  time: string;
  durationMinutes: number;
  place: string;
  topic: string;
  holidayPolicy: HolidayPolicy;
  signInOpensMinutes: number;
  eveReminderAt: string;
  leadReminderMinutes: number;
  setByMemberId: Types.ObjectId | null;
}
export interface StudySession extends Stored {
  branchId: Types.ObjectId;
  date: string;
  time: string;
  durationMinutes: number;
  place: string;
  topic: string;
  link: string | null;
  status: SessionStatus;
  originalDate: string | null;
  reason: string;
  movedTo: string | null;
  calendarKnown: boolean;
  origin: 'rule' | 'secretary';
  expectedMemberIds: Types.ObjectId[] | null;
}
export interface Attendance extends Stored {
  branchId: Types.ObjectId;
  sessionId: Types.ObjectId;
  memberId: Types.ObjectId;
  kind: AttendanceKind;
  reason: string;
  byMemberId: Types.ObjectId;
  at: Date;
  sourceKey?: string | null;
  previousKind?: AttendanceKind | null;
}

/** The stored rule as the domain's StudyRule. */
export function ruleOf(schedule: Pick<StudySchedule, 'rule'>): StudyRule {
  const { rule } = schedule;
  return rule.kind === 'monthDays'
    ? { kind: 'monthDays', days: [...rule.days] }
    : { kind: 'nthWeekday', weekday: rule.weekday ?? 1, nths: [...rule.nths] };
}

/** The domain's StudyRule as stored. */
export function storedRule(rule: StudyRule): StudySchedule['rule'] {
  return rule.kind === 'monthDays'
    ? { kind: 'monthDays', days: rule.days, weekday: null, nths: [] }
    : { kind: 'nthWeekday', days: [], weekday: rule.weekday, nths: rule.nths };
}

// One accessor per model, concrete types only (see dues.ts).
export function studyModels(db: Connection) {
  return {
    StudySchedule: (db.models.StudySchedule ??
      db.model<StudySchedule>('StudySchedule', StudyScheduleSchema)) as Model<StudySchedule>,
    StudySession: (db.models.StudySession ??
      db.model<StudySession>('StudySession', StudySessionSchema)) as Model<StudySession>,
    Attendance: (db.models.Attendance ??
      db.model<Attendance>('Attendance', AttendanceSchema)) as Model<Attendance>,
  };
}
