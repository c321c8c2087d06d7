import { type Connection, type Model, Schema, type Types } from 'mongoose';
import { ACTIVITY_TYPES, type ActivityType } from '../domain/activity.js';
import type { Stored } from './stored.js';

/**
 * One activity a member did (volunteering, a visit, study …). One per source message (unique), so a
 * WeCom retry or a job retry never records it twice. Undo marks it, it is never deleted.
 */
const ActivitySchema = new Schema<Activity>(
  {
    communityId: { type: Schema.Types.ObjectId, required: true },
    memberId: { type: Schema.Types.ObjectId, required: true },
    /** Where the member stood when it was recorded: statistics stay true after a transfer. */
    branchId: { type: Schema.Types.ObjectId, default: null },
    partyGroupId: { type: Schema.Types.ObjectId, default: null },
    type: { type: String, enum: ACTIVITY_TYPES, required: true },
    /** YYYY-MM-DD in the community's zone; `month` (YYYY-MM) is kept for grouping without date operators. */
    date: { type: String, required: true, match: /^\d{4}-\d{2}-\d{2}$/ },
    month: { type: String, required: true, match: /^\d{4}-\d{2}$/ },
    minutes: { type: Number, default: null },
    place: { type: String, default: null },
    companionMemberIds: { type: [Schema.Types.ObjectId], default: [] },
    companionNames: { type: [String], default: [] },
    description: { type: String, required: true },
    sourceMsgId: { type: String, required: true },
    evidence: {
      type: [new Schema({ evidenceId: Schema.Types.ObjectId, msgId: String, at: Date }, { _id: false })],
      default: [],
    },
    undoneAt: { type: Date, default: null },
    /** The 撤销 message that undid it: a retried 撤销 finds this one instead of undoing another. */
    undoneByMsgId: { type: String, default: null },
  },
  { timestamps: true },
);
ActivitySchema.index({ communityId: 1, sourceMsgId: 1 }, { unique: true });
ActivitySchema.index({ communityId: 1, memberId: 1, date: 1 });
ActivitySchema.index({ communityId: 1, month: 1 });

export interface Activity extends Stored {
  memberId: Types.ObjectId;
  branchId: Types.ObjectId | null;
  partyGroupId: Types.ObjectId | null;
  type: ActivityType;
  date: string;
  month: string;
  minutes: number | null;
  place: string | null;
  companionMemberIds: Types.ObjectId[];
  companionNames: string[];
  description: string;
  sourceMsgId: string;
  evidence: Array<{ evidenceId: Types.ObjectId; msgId: string; at: Date }>;
  undoneAt: Date | null;
  undoneByMsgId: string | null;
}
export const activityModel = (db: Connection): Model<Activity> =>
  db.models.Activity ?? db.model<Activity>('Activity', ActivitySchema);
