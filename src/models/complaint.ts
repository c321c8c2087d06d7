import { type Connection, type Model, Schema, type Types } from 'mongoose';
import { CATEGORIES, type Category } from '../domain/complaints/categories.js';
import { STATES, STEPS, type State, type Step } from '../domain/complaints/lifecycle.js';
import { RATINGS, type Rating } from '../domain/complaints/rating.js';
import { TIMER_STAGES, type Tier, type TimerStage } from '../domain/complaints/sla.js';
import type { Stored } from './stored.js';

/**
 * A resident's complaint (诉求) and its whole history. The history is append-only: every step — who, when,
 * what was said, photos — is an entry; the fields above it are the present state those entries add up to.
 */

const PhotoSchema = new Schema<ComplaintPhoto>(
  { evidenceId: { type: Schema.Types.ObjectId, required: true }, msgId: { type: String, required: true } },
  { _id: false },
);

const HistorySchema = new Schema<ComplaintHistoryEntry>(
  {
    /** The complaint version this step produced (photos attach without a step). */
    version: { type: Number, required: true },
    step: { type: String, enum: STEPS, required: true },
    from: { type: String, enum: [...STATES, null], default: null },
    to: { type: String, enum: STATES, required: true },
    byUserId: { type: String, required: true },
    byName: { type: String, default: '' },
    at: { type: Date, required: true },
    note: { type: String, default: '' },
    photos: { type: [PhotoSchema], default: [] },
  },
  { _id: false },
);

const ComplaintSchema = new Schema<Complaint>(
  {
    communityId: { type: Schema.Types.ObjectId, required: true },
    /** 「2026-0153」: per community and year; the unique index below is the counter. */
    number: { type: String, required: true },
    year: { type: Number, required: true },
    seq: { type: Number, required: true },
    /** YYYY-MM of the report in the community's zone, for monthly figures without date operators. */
    month: { type: String, required: true, match: /^\d{4}-\d{2}$/ },
    /** The inbound message that filed it: a retried message finds it instead of filing another. */
    sourceKey: { type: String, required: true },
    reporter: {
      type: new Schema(
        {
          userId: { type: String, required: true },
          kind: { type: String, enum: ['member', 'resident'], required: true },
          personId: { type: Schema.Types.ObjectId, required: true },
          /** Shown in full only to the handler and secretaries (src/complaints/access.ts). */
          name: { type: String, default: '' },
          phone: { type: String, default: null },
        },
        { _id: false },
      ),
      required: true,
    },
    category: { type: String, enum: CATEGORIES, required: true },
    urgent: { type: Boolean, default: false },
    tier: { type: String, enum: ['urgent', 'ordinary', 'complex'], required: true },
    description: { type: String, required: true },
    /** The grid's spelling («5号楼») when matched, else null; `place` says where in words. */
    building: { type: String, default: null },
    unit: { type: String, default: null },
    room: { type: String, default: null },
    place: { type: String, default: null },
    location: {
      type: new Schema(
        { latitude: Number, longitude: Number, label: { type: String, default: '' } },
        { _id: false },
      ),
      default: null,
    },
    gridId: { type: Schema.Types.ObjectId, default: null },
    handlerUserId: { type: String, required: true },
    handlerName: { type: String, default: '' },
    state: { type: String, enum: STATES, required: true },
    /** 转办: the outside department it was passed to. */
    referredTo: { type: String, default: null },
    /** 重复: the original it is the same problem as. */
    duplicateOf: { type: Schema.Types.ObjectId, default: null },
    duplicateOfNumber: { type: String, default: null },
    /** WeCom userids told of every step: the reporter and the reporters of its duplicates. */
    subscribers: { type: [String], default: [] },
    photos: { type: [PhotoSchema], default: [] },
    history: { type: [HistorySchema], default: [] },
    /** Bumped by every change; a change is written only over the version it was decided on. */
    version: { type: Number, required: true },
    acceptClock: { type: Number, required: true },
    assignedAt: { type: Date, required: true },
    acceptDeadline: { type: Date, required: true },
    firstAcceptDeadline: { type: Date, required: true },
    resolveClock: { type: Number, required: true },
    openedAt: { type: Date, required: true },
    resolveDeadline: { type: Date, required: true },
    respondedAt: { type: Date, default: null },
    resolvedAt: { type: Date, default: null },
    rating: { type: String, enum: [...RATINGS, null], default: null },
    ratingComment: { type: String, default: '' },
  },
  { timestamps: true },
);
ComplaintSchema.index({ communityId: 1, number: 1 }, { unique: true });
ComplaintSchema.index({ sourceKey: 1 }, { unique: true });
ComplaintSchema.index({ communityId: 1, year: 1, seq: -1 });
ComplaintSchema.index({ communityId: 1, state: 1 });
ComplaintSchema.index({ communityId: 1, month: 1 });
ComplaintSchema.index({ communityId: 1, building: 1, category: 1, createdAt: -1 });
ComplaintSchema.index({ subscribers: 1 });
ComplaintSchema.index({ handlerUserId: 1, state: 1 });

/**
 * One per change of a complaint: the claim on the next version. FerretDB 1.x applies a conditional update
 * (version = n) for every concurrent writer that read version n, the last one winning, so a change first
 * inserts its step here; the unique index lets exactly one writer have each version. The source key makes
 * a retried message find the step it already took.
 */
const ComplaintStepSchema = new Schema<ComplaintStep>(
  {
    complaintId: { type: Schema.Types.ObjectId, required: true },
    version: { type: Number, required: true },
    sourceKey: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { timestamps: false },
);
ComplaintStepSchema.index({ complaintId: 1, version: 1 }, { unique: true });
ComplaintStepSchema.index({ sourceKey: 1 }, { unique: true });

/**
 * A reminder or escalation, claimed (pending) before its messages are enqueued and marked sent after: a
 * timer reached twice — its delayed job and the sweep, or a retry — sends once; one whose run died between
 * the two is re-enqueued under the same job ids.
 */
const ComplaintTimerSchema = new Schema<ComplaintTimer>(
  {
    complaintId: { type: Schema.Types.ObjectId, required: true },
    stage: { type: String, enum: TIMER_STAGES, required: true },
    clock: { type: Number, required: true },
    state: { type: String, enum: ['pending', 'sent'], required: true },
  },
  { timestamps: true },
);
ComplaintTimerSchema.index({ complaintId: 1, stage: 1, clock: 1 }, { unique: true });

export interface ComplaintPhoto {
  evidenceId: Types.ObjectId;
  msgId: string;
}
export interface ComplaintHistoryEntry {
  version: number;
  step: Step;
  from: State | null;
  to: State;
  byUserId: string;
  byName: string;
  at: Date;
  note: string;
  photos: ComplaintPhoto[];
}
export interface ComplaintReporter {
  userId: string;
  kind: 'member' | 'resident';
  personId: Types.ObjectId;
  name: string;
  phone: string | null;
}
export interface Complaint extends Stored {
  number: string;
  year: number;
  seq: number;
  month: string;
  sourceKey: string;
  reporter: ComplaintReporter;
  category: Category;
  urgent: boolean;
  tier: Tier;
  description: string;
  building: string | null;
  unit: string | null;
  room: string | null;
  place: string | null;
  location: { latitude: number; longitude: number; label: string } | null;
  gridId: Types.ObjectId | null;
  handlerUserId: string;
  handlerName: string;
  state: State;
  referredTo: string | null;
  duplicateOf: Types.ObjectId | null;
  duplicateOfNumber: string | null;
  subscribers: string[];
  photos: ComplaintPhoto[];
  history: ComplaintHistoryEntry[];
  version: number;
  acceptClock: number;
  assignedAt: Date;
  acceptDeadline: Date;
  firstAcceptDeadline: Date;
  resolveClock: number;
  openedAt: Date;
  resolveDeadline: Date;
  respondedAt: Date | null;
  resolvedAt: Date | null;
  rating: Rating | null;
  ratingComment: string;
}
export interface ComplaintStep {
  complaintId: Types.ObjectId;
  version: number;
  sourceKey: string;
  at: Date;
}
export interface ComplaintTimer {
  complaintId: Types.ObjectId;
  stage: TimerStage;
  clock: number;
  state: 'pending' | 'sent';
}

export function complaintModels(db: Connection) {
  return {
    Complaint: (db.models.Complaint ?? db.model<Complaint>('Complaint', ComplaintSchema)) as Model<Complaint>,
    ComplaintStep: (db.models.ComplaintStep ??
      db.model<ComplaintStep>('ComplaintStep', ComplaintStepSchema)) as Model<ComplaintStep>,
    ComplaintTimer: (db.models.ComplaintTimer ??
      db.model<ComplaintTimer>('ComplaintTimer', ComplaintTimerSchema)) as Model<ComplaintTimer>,
  };
}
