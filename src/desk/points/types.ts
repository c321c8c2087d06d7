import type { Types } from 'mongoose';
import type { PointEvent } from '../../domain/points/index.js';
import type { YearMonth } from '../../domain/text/index.js';
import type { Models } from '../../models/index.js';

export interface PointQuery {
  models: Models;
  communityId: Types.ObjectId;
  memberIds: Types.ObjectId[];
  months: YearMonth[];
  /** Records count as of now: a study day once it has ended. */
  now: Date;
  timeZone: string;
}

/**
 * A kind of record that earns (or costs) points: it reads its records for some members and months and says
 * what happened as PointEvents; the rule table decides what they are worth. One module per source.
 */
export interface PointSource {
  id: string;
  load(query: PointQuery): Promise<PointEvent[]>;
}
