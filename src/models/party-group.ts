import { type Connection, type Model, Schema, type Types } from 'mongoose';
import type { Stored } from './stored.js';

/** A Party group (党小组) inside a branch. */
const PartyGroupSchema = new Schema<PartyGroup>(
  {
    communityId: { type: Schema.Types.ObjectId, required: true },
    branchId: { type: Schema.Types.ObjectId, required: true },
    name: { type: String, required: true },
  },
  { timestamps: true },
);
PartyGroupSchema.index({ communityId: 1, branchId: 1, name: 1 }, { unique: true });

export interface PartyGroup extends Stored {
  branchId: Types.ObjectId;
  name: string;
}
export const partyGroupModel = (db: Connection): Model<PartyGroup> =>
  db.models.PartyGroup ?? db.model<PartyGroup>('PartyGroup', PartyGroupSchema);
