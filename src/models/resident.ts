import { type Connection, type Model, Schema } from 'mongoose';
import type { Stored } from './stored.js';

/**
 * A resident who is not a Party member but reports problems through the bot. `wecomUserId` is how the bot
 * addresses them: a corp userid, or `kf:<external_userid>` for someone on plain WeChat through 微信客服.
 */
const ResidentSchema = new Schema<Resident>(
  {
    communityId: { type: Schema.Types.ObjectId, required: true },
    wecomUserId: { type: String, required: true },
    /** Masked (「张*」): WeChat's nickname as kf/customer/batchget gives it, or the WeCom name. */
    name: { type: String, default: '' },
    /** Only a number the resident typed themselves. */
    phone: { type: String, default: null },
    building: { type: String, default: '' },
    /** 「2单元301」: from what they said about their home. */
    flat: { type: String, default: '' },
    channel: { type: String, enum: ['app', 'kf'], default: 'app' },
  },
  { timestamps: true },
);
ResidentSchema.index({ communityId: 1, wecomUserId: 1 }, { unique: true });

export interface Resident extends Stored {
  wecomUserId: string;
  name: string;
  phone: string | null;
  building: string;
  flat: string;
  channel: 'app' | 'kf';
}
export const residentModel = (db: Connection): Model<Resident> =>
  db.models.Resident ?? db.model<Resident>('Resident', ResidentSchema);
