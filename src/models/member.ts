import { type Connection, type Model, Schema, type Types } from 'mongoose';
import {
  DUES_CATEGORIES,
  type DuesCategory,
  MEMBER_STATUSES,
  type MemberStatus,
  ROLES,
  type Role,
} from '../domain/member-vocabulary.js';
import type { Stored } from './stored.js';

/** A Party member (or staff) known to the bot. Roles come from here, never from message text. */
const MemberSchema = new Schema<Member>(
  {
    communityId: { type: Schema.Types.ObjectId, required: true },
    wecomUserId: { type: String, required: true },
    name: { type: String, required: true },
    branchId: { type: Schema.Types.ObjectId, default: null },
    partyGroupId: { type: Schema.Types.ObjectId, default: null },
    gridId: { type: Schema.Types.ObjectId, default: null },
    roles: { type: [{ type: String, enum: ROLES }], default: ['member'] },
    duesCategory: { type: String, enum: DUES_CATEGORIES, required: true, default: 'other' },
    status: { type: String, enum: MEMBER_STATUSES, required: true, default: 'active' },
    /** For 流动党员: where they are and since when (YYYY-MM-DD). */
    mobility: {
      type: new Schema(
        { whereTo: { type: String, default: '' }, since: { type: String, default: null } },
        { _id: false },
      ),
      default: null,
    },
    probationary: { type: Boolean, default: false },
    /**
     * Reads the app through WeChat (the 企业微信 plugin), where template cards are unreadable: gets the plain-text
     * version of card messages instead. Roster column 「用微信接收」.
     */
    plainTextOnly: { type: Boolean, default: false },
    /** YYYY-MM-DD. */
    joinedOn: { type: String, default: null },
    /** Stored for the secretary; only ever shown masked. */
    phone: { type: String, default: null },
    address: {
      type: new Schema(
        {
          building: { type: String, default: '' },
          unit: { type: String, default: '' },
          room: { type: String, default: '' },
        },
        { _id: false },
      ),
      default: null,
    },
    /** Who usually pays for a member living far away, e.g. { name: '王小红', relation: '女儿' }. */
    proxyPayer: {
      type: new Schema(
        { name: { type: String, required: true }, relation: { type: String, default: '' } },
        { _id: false },
      ),
      default: null,
    },
    /** Declared monthly base (after-tax wage or pension) in fen, from which the yearly amount is assessed. */
    duesBaseFen: { type: Number, default: null },
    /** Approved by the branch: quarterly payers are reminded in the last month of a quarter only. */
    duesSchedule: { type: String, enum: ['monthly', 'quarterly'], default: 'monthly' },
    /** 免交 approved by the next-level committee: not charged until this month (inclusive). */
    duesExempt: {
      type: new Schema(
        { until: { type: String, required: true }, approvalRef: { type: String, required: true } },
        { _id: false },
      ),
      default: null,
    },
    /** Integer fen; overrides the computed monthly dues. */
    monthlyDuesFenOverride: {
      type: Number,
      default: null,
      validate: {
        validator: (v: number | null) => v === null || (Number.isInteger(v) && v >= 0),
        message: '月党费必须是整数分',
      },
    },
  },
  { timestamps: true },
);
MemberSchema.index({ communityId: 1, wecomUserId: 1 }, { unique: true });
MemberSchema.index({ wecomUserId: 1 });
MemberSchema.index({ communityId: 1, name: 1 });
MemberSchema.index({ communityId: 1, branchId: 1 });

export interface Member extends Stored {
  wecomUserId: string;
  name: string;
  branchId: Types.ObjectId | null;
  partyGroupId: Types.ObjectId | null;
  gridId: Types.ObjectId | null;
  roles: Role[];
  duesCategory: DuesCategory;
  status: MemberStatus;
  mobility: { whereTo: string; since: string | null } | null;
  probationary: boolean;
  plainTextOnly: boolean;
  joinedOn: string | null;
  phone: string | null;
  address: { building: string; unit: string; room: string } | null;
  proxyPayer: { name: string; relation: string } | null;
  duesBaseFen: number | null;
  duesSchedule: 'monthly' | 'quarterly';
  duesExempt: { until: string; approvalRef: string } | null;
  monthlyDuesFenOverride: number | null;
}
export const memberModel = (db: Connection): Model<Member> =>
  db.models.Member ?? db.model<Member>('Member', MemberSchema);
