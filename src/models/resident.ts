import { type Connection, type InferSchemaType, type Model, Schema } from 'mongoose';

/** A resident who is not a Party member but reports problems through the bot. */
const ResidentSchema = new Schema(
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

export type Resident = InferSchemaType<typeof ResidentSchema>;
export const residentModel = (db: Connection): Model<Resident> =>
  db.models.Resident ?? db.model('Resident', ResidentSchema);
