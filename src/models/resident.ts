import { type Connection, type Model, Schema } from 'mongoose';
import type { Stored } from './stored.js';

/** A resident who is not a Party member but reports problems through the bot. */
const ResidentSchema = new Schema<Resident>(
  {
    communityId: { type: Schema.Types.ObjectId, required: true },
    wecomUserId: { type: String, required: true },
    name: { type: String, default: '' },
    phone: { type: String, default: null },
    building: { type: String, default: '' },
  },
  { timestamps: true },
);
ResidentSchema.index({ communityId: 1, wecomUserId: 1 }, { unique: true });

export interface Resident extends Stored {
  wecomUserId: string;
  name: string;
  phone: string | null;
  building: string;
}
export const residentModel = (db: Connection): Model<Resident> =>
  db.models.Resident ?? db.model<Resident>('Resident', ResidentSchema);
