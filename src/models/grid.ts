import { type Connection, type Model, Schema } from 'mongoose';
import type { Stored } from './stored.js';

/** A grid (网格): the buildings it covers route residents' complaints to its leader. */
const GridSchema = new Schema<Grid>(
  {
    communityId: { type: Schema.Types.ObjectId, required: true },
    /** As written on the community's own list, e.g. "G03". */
    code: { type: String, required: true },
    name: { type: String, required: true },
    /** WeCom userid of the grid leader (a member or community staff). */
    leaderUserId: { type: String, default: null },
    /** Building names as people say them: "3号楼", "5栋", "东区12幢". */
    buildings: { type: [String], default: [] },
    /** Street addresses the grid covers (「和平里北街12号院」): a resident naming one belongs to this community. */
    addresses: { type: [String], default: [] },
  },
  { timestamps: true },
);
GridSchema.index({ communityId: 1, code: 1 }, { unique: true });

export interface Grid extends Stored {
  code: string;
  name: string;
  leaderUserId: string | null;
  buildings: string[];
  addresses: string[];
}
export const gridModel = (db: Connection): Model<Grid> =>
  db.models.Grid ?? db.model<Grid>('Grid', GridSchema);
