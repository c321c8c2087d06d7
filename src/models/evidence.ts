import { type Connection, type Model, Schema, type Types } from 'mongoose';
import type { Stored } from './stored.js';

/**
 * A photo kept as evidence. WeCom's media ids expire after 3 days, so the bytes are fetched with
 * media/get and stored here (WeCom caps images at 10 MB, well under MongoDB's 16 MB document limit).
 */
const EvidenceSchema = new Schema<Evidence>(
  {
    communityId: { type: Schema.Types.ObjectId, required: true },
    /** Who sent it: a member, or a resident reporting a complaint (exactly one is set). */
    memberId: { type: Schema.Types.ObjectId, default: null },
    residentId: { type: Schema.Types.ObjectId, default: null },
    /** The inbound message that carried it: one stored copy per message. */
    msgId: { type: String, required: true },
    mediaId: { type: String, required: true },
    contentType: { type: String, required: true },
    filename: { type: String, default: null },
    size: { type: Number, required: true },
    data: { type: Buffer, required: true },
  },
  { timestamps: true },
);
EvidenceSchema.index({ communityId: 1, msgId: 1 }, { unique: true });

export interface Evidence extends Stored {
  memberId: Types.ObjectId | null;
  residentId: Types.ObjectId | null;
  msgId: string;
  mediaId: string;
  contentType: string;
  filename: string | null;
  size: number;
  data: Buffer;
}
export const evidenceModel = (db: Connection): Model<Evidence> =>
  db.models.Evidence ?? db.model<Evidence>('Evidence', EvidenceSchema);
