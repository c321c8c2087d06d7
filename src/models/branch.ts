import { type Connection, type Model, Schema } from 'mongoose';
import { BRANCH_KINDS, type BranchKind } from '../domain/member-vocabulary.js';
import type { Stored } from './stored.js';

/** What most branches accept when they have not said otherwise. */
export const DEFAULT_DUES_METHODS = ['现金', '微信转账'] as const;

/** A Party branch (支部). Its secretary and committee are the members holding those roles in it. */
const BranchSchema = new Schema<Branch>(
  {
    communityId: { type: Schema.Types.ObjectId, required: true },
    name: { type: String, required: true },
    kind: { type: String, enum: BRANCH_KINDS, required: true, default: 'resident' },
    /**
     * How members pay their dues, told to anyone asking 「交党费找谁」: who collects (a WeCom userid; unset means
     * the branch's 组织委员, else its secretary), the ways the branch accepts, and when or where, if it says.
     */
    dues: {
      type: new Schema(
        {
          collectorUserId: { type: String, default: null },
          methods: { type: [String], default: () => [...DEFAULT_DUES_METHODS] },
          when: { type: String, default: '' },
        },
        { _id: false },
      ),
      default: () => ({}),
    },
  },
  { timestamps: true },
);
BranchSchema.index({ communityId: 1, name: 1 }, { unique: true });

/** How a branch collects dues; every field has a default, so a branch that never said still answers. */
export interface BranchDues {
  collectorUserId: string | null;
  methods: string[];
  when: string;
}

export interface Branch extends Stored {
  name: string;
  kind: BranchKind;
  dues: BranchDues;
}
export const branchModel = (db: Connection): Model<Branch> =>
  db.models.Branch ?? db.model<Branch>('Branch', BranchSchema);
