import { type Connection, type Model, Schema } from 'mongoose';
import { BRANCH_KINDS, type BranchKind } from '../domain/member-vocabulary.js';
import type { Stored } from './stored.js';

/** A Party branch (支部). Its secretary and committee are the members holding those roles in it. */
const BranchSchema = new Schema<Branch>(
  {
    communityId: { type: Schema.Types.ObjectId, required: true },
    name: { type: String, required: true },
    kind: { type: String, enum: BRANCH_KINDS, required: true, default: 'resident' },
  },
  { timestamps: true },
);
BranchSchema.index({ communityId: 1, name: 1 }, { unique: true });

export interface Branch extends Stored {
  name: string;
  kind: BranchKind;
}
export const branchModel = (db: Connection): Model<Branch> =>
  db.models.Branch ?? db.model<Branch>('Branch', BranchSchema);
