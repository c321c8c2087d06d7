import { type Connection, type InferSchemaType, type Model, Schema } from 'mongoose';

/** A grid (网格): the buildings it covers route residents' complaints to its leader. */
const GridSchema = new Schema(
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

export type Grid = InferSchemaType<typeof GridSchema>;
export const gridModel = (db: Connection): Model<Grid> => db.models.Grid ?? db.model('Grid', GridSchema);
