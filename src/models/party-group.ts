import { type Connection, type InferSchemaType, type Model, Schema } from 'mongoose';

/** A Party group (党小组) inside a branch. */
const PartyGroupSchema = new Schema(
  {
    communityId: { type: Schema.Types.ObjectId, required: true },
    branchId: { type: Schema.Types.ObjectId, required: true },
    name: { type: String, required: true },
  },
  { timestamps: true },
);
PartyGroupSchema.index({ communityId: 1, branchId: 1, name: 1 }, { unique: true });

export type PartyGroup = InferSchemaType<typeof PartyGroupSchema>;
export const partyGroupModel = (db: Connection): Model<PartyGroup> =>
  db.models.PartyGroup ?? db.model('PartyGroup', PartyGroupSchema);
