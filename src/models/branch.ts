import { type Connection, type InferSchemaType, type Model, Schema } from 'mongoose';
import { BRANCH_KINDS } from '../domain/member-vocabulary.js';

/** A Party branch (支部). Its secretary and committee are the members holding those roles in it. */
const BranchSchema = new Schema(
  {
    communityId: { type: Schema.Types.ObjectId, required: true },
    name: { type: String, required: true },
    kind: { type: String, enum: BRANCH_KINDS, required: true, default: 'resident' },
  },
  { timestamps: true },
);
BranchSchema.index({ communityId: 1, name: 1 }, { unique: true });

export type Branch = InferSchemaType<typeof BranchSchema>;
export const branchModel = (db: Connection): Model<Branch> =>
  db.models.Branch ?? db.model('Branch', BranchSchema);
