import { type Connection, type Model, Schema } from 'mongoose';
import { DEFAULT_SLA, type SlaSettings } from '../domain/complaints/sla.js';

const limit = (value: number) => ({ type: Number, default: value, min: 1 });

const CommunitySchema = new Schema<Community>(
  {
    /** Short stable code used by scripts and imports, e.g. "xingfuli". */
    code: { type: String, required: true, match: /^[a-z0-9-]{2,40}$/ },
    name: { type: String, required: true },
    timeZone: { type: String, required: true, default: 'Asia/Shanghai' },
    /** Who hears about problems nobody else covers (no grid matched): WeCom userids. */
    dutyUserIds: { type: [String], default: [] },
    /** Whom an unregistered person is told to contact to be registered. */
    contactText: { type: String, default: '请联系社区党委或所在支部书记登记' },
    /** Complaint time limits; the defaults are domain.md §4.1's (src/domain/complaints/sla.ts). */
    complaintSla: {
      type: new Schema(
        {
          acceptMinutes: limit(DEFAULT_SLA.acceptMinutes),
          acceptUrgentMinutes: limit(DEFAULT_SLA.acceptUrgentMinutes),
          resolveUrgentHours: limit(DEFAULT_SLA.resolveUrgentHours),
          resolveDays: limit(DEFAULT_SLA.resolveDays),
          resolveComplexDays: limit(DEFAULT_SLA.resolveComplexDays),
          rateReminderDays: limit(DEFAULT_SLA.rateReminderDays),
        },
        { _id: false },
      ),
      default: () => ({}),
    },
  },
  { timestamps: true },
);
CommunitySchema.index({ code: 1 }, { unique: true });

export interface Community {
  code: string;
  name: string;
  timeZone: string;
  dutyUserIds: string[];
  contactText: string;
  complaintSla: SlaSettings;
  createdAt?: Date;
  updatedAt?: Date;
}
export const communityModel = (db: Connection): Model<Community> =>
  db.models.Community ?? db.model<Community>('Community', CommunitySchema);
