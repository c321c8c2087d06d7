import { type Connection, type Model, Schema, type Types } from 'mongoose';
import type { YearMonth } from '../domain/text/index.js';
import type { Stored } from './stored.js';

/**
 * The dues ledger: append-only. A mistaken entry is cancelled by a reversal, never edited or deleted.
 * Each collection's unique index is what makes its writer idempotent.
 */

const MONTH = { type: String, required: true, match: /^\d{4}-\d{2}$/ } as const;

/** The amount a member owes each month of a year, fixed at the start of the year. */
const AssessmentSchema = new Schema<DuesAssessment>(
  {
    communityId: { type: Schema.Types.ObjectId, required: true },
    memberId: { type: Schema.Types.ObjectId, required: true },
    year: { type: Number, required: true },
    fen: { type: Number, required: true },
    rule: { type: String, required: true },
    baseFen: { type: Number, default: null },
  },
  { timestamps: true },
);
AssessmentSchema.index({ memberId: 1, year: 1 }, { unique: true });

/**
 * One charge per member and month, generated on the 1st. It carries, as of that day, who to remind and
 * how the member pays, so the reminder job reads charges alone rather than every member as well.
 */
const ChargeSchema = new Schema<DuesCharge>(
  {
    communityId: { type: Schema.Types.ObjectId, required: true },
    memberId: { type: Schema.Types.ObjectId, required: true },
    branchId: { type: Schema.Types.ObjectId, default: null },
    wecomUserId: { type: String, required: true },
    duesSchedule: { type: String, enum: ['monthly', 'quarterly'], required: true },
    month: MONTH,
    fen: { type: Number, required: true },
  },
  { timestamps: true },
);
ChargeSchema.index({ memberId: 1, month: 1 }, { unique: true });
ChargeSchema.index({ communityId: 1, month: 1 });

const PaymentSchema = new Schema<DuesPayment>(
  {
    communityId: { type: Schema.Types.ObjectId, required: true },
    memberId: { type: Schema.Types.ObjectId, required: true },
    branchId: { type: Schema.Types.ObjectId, default: null },
    receiptNo: { type: String, required: true },
    amountFen: { type: Number, required: true },
    covered: {
      type: [new Schema({ month: MONTH, fen: { type: Number, required: true } }, { _id: false })],
      default: [],
    },
    method: { type: String, enum: ['cash', 'wechat', 'transfer', 'unknown'], required: true },
    payer: {
      type: new Schema(
        { name: { type: String, default: '' }, relation: { type: String, default: '' } },
        { _id: false },
      ),
      default: null,
    },
    voluntary: { type: Boolean, default: false },
    collectorMemberId: { type: Schema.Types.ObjectId, required: true },
    /** The confirming message: a retried confirmation finds this payment instead of recording another. */
    sourceKey: { type: String, required: true },
    paidAt: { type: Date, required: true },
  },
  { timestamps: true },
);
PaymentSchema.index({ communityId: 1, receiptNo: 1 }, { unique: true });
PaymentSchema.index({ sourceKey: 1 }, { unique: true });
PaymentSchema.index({ memberId: 1, paidAt: -1 });

/** Cancels one payment (by receipt number); the months it covered are owed again. */
const ReversalSchema = new Schema<DuesReversal>(
  {
    communityId: { type: Schema.Types.ObjectId, required: true },
    receiptNo: { type: String, required: true },
    memberId: { type: Schema.Types.ObjectId, required: true },
    reason: { type: String, required: true },
    byMemberId: { type: Schema.Types.ObjectId, required: true },
    /** The 冲正 message that wrote it: its retry finishes the job instead of calling it done twice. */
    sourceKey: { type: String, default: null },
  },
  { timestamps: true },
);
ReversalSchema.index({ communityId: 1, receiptNo: 1 }, { unique: true });

/** A reduction or exemption (少交/免交) approved upstream, for named months. */
const WaiverSchema = new Schema<DuesWaiver>(
  {
    communityId: { type: Schema.Types.ObjectId, required: true },
    memberId: { type: Schema.Types.ObjectId, required: true },
    months: { type: [String], required: true },
    /** 0 = exempt. */
    reducedToFen: { type: Number, required: true },
    approvalRef: { type: String, required: true },
  },
  { timestamps: true },
);
WaiverSchema.index({ memberId: 1 });

/** One reminder per member, kind and period: inserted before sending, so a re-run sends nothing twice. */
const ReminderSchema = new Schema<Reminder>(
  {
    communityId: { type: Schema.Types.ObjectId, required: true },
    memberId: { type: Schema.Types.ObjectId, required: true },
    kind: { type: String, required: true },
    period: { type: String, required: true },
    /** The outbound job carrying it; re-enqueued with the same id when a run died before enqueueing. */
    jobId: { type: String, required: true },
  },
  { timestamps: true },
);
ReminderSchema.index({ memberId: 1, kind: 1, period: 1 }, { unique: true });
ReminderSchema.index({ kind: 1, period: 1, jobId: 1 });

/**
 * Written once a batch of reminders is on the outbound queue: one document per job rather than a state
 * flag on each reminder, because updating a thousand documents costs FerretDB seconds.
 */
const ReminderBatchSchema = new Schema<ReminderBatch>(
  {
    jobId: { type: String, required: true },
    kind: { type: String, required: true },
    period: { type: String, required: true },
  },
  { timestamps: true },
);
ReminderBatchSchema.index({ jobId: 1 }, { unique: true });
ReminderBatchSchema.index({ kind: 1, period: 1 });

export interface DuesAssessment extends Stored {
  memberId: Types.ObjectId;
  year: number;
  fen: number;
  rule: string;
  baseFen: number | null;
}
export interface DuesCharge extends Stored {
  memberId: Types.ObjectId;
  branchId: Types.ObjectId | null;
  wecomUserId: string;
  duesSchedule: 'monthly' | 'quarterly';
  month: string;
  fen: number;
}
export interface DuesPayment extends Stored {
  memberId: Types.ObjectId;
  branchId: Types.ObjectId | null;
  receiptNo: string;
  amountFen: number;
  covered: Array<{ month: YearMonth; fen: number }>;
  method: 'cash' | 'wechat' | 'transfer' | 'unknown';
  payer: { name: string; relation: string } | null;
  voluntary: boolean;
  collectorMemberId: Types.ObjectId;
  sourceKey: string;
  paidAt: Date;
}
export interface DuesReversal extends Stored {
  receiptNo: string;
  memberId: Types.ObjectId;
  reason: string;
  byMemberId: Types.ObjectId;
  sourceKey?: string | null;
}
export interface DuesWaiver extends Stored {
  memberId: Types.ObjectId;
  months: string[];
  reducedToFen: number;
  approvalRef: string;
}
export interface Reminder extends Stored {
  memberId: Types.ObjectId;
  kind: string;
  period: string;
  jobId: string;
}
export interface ReminderBatch {
  jobId: string;
  kind: string;
  period: string;
  createdAt?: Date;
}

// One accessor per model, concrete types only: a generic helper around db.model<T>() sends tsc into
// an unbounded instantiation (it ran out of memory).
export function duesModels(db: Connection) {
  return {
    DuesAssessment: (db.models.DuesAssessment ??
      db.model<DuesAssessment>('DuesAssessment', AssessmentSchema)) as Model<DuesAssessment>,
    DuesCharge: (db.models.DuesCharge ??
      db.model<DuesCharge>('DuesCharge', ChargeSchema)) as Model<DuesCharge>,
    DuesPayment: (db.models.DuesPayment ??
      db.model<DuesPayment>('DuesPayment', PaymentSchema)) as Model<DuesPayment>,
    DuesReversal: (db.models.DuesReversal ??
      db.model<DuesReversal>('DuesReversal', ReversalSchema)) as Model<DuesReversal>,
    DuesWaiver: (db.models.DuesWaiver ??
      db.model<DuesWaiver>('DuesWaiver', WaiverSchema)) as Model<DuesWaiver>,
    Reminder: (db.models.Reminder ?? db.model<Reminder>('Reminder', ReminderSchema)) as Model<Reminder>,
    ReminderBatch: (db.models.ReminderBatch ??
      db.model<ReminderBatch>('ReminderBatch', ReminderBatchSchema)) as Model<ReminderBatch>,
  };
}
