import type { Types } from 'mongoose';

/**
 * What every document of a community carries. Every model's type is written out next to its schema, not
 * inferred (inferring schemas with sub-document arrays exhausts tsc's memory), and the schema is checked
 * against it (`new Schema<T>`): ids are `Types.ObjectId` in the type, so no caller casts them.
 */
export interface Stored {
  communityId: Types.ObjectId;
  createdAt?: Date;
  updatedAt?: Date;
}
