import type { Connection } from 'mongoose';
import { activityModel } from './activity.js';
import { branchModel } from './branch.js';
import { communityModel } from './community.js';
import { complaintModels } from './complaint.js';
import { duesModels } from './dues.js';
import { evidenceModel } from './evidence.js';
import { gridModel } from './grid.js';
import { kfModels } from './kf.js';
import { memberModel } from './member.js';
import { partyGroupModel } from './party-group.js';
import { residentModel } from './resident.js';
import { studyModels } from './study.js';

/** Every model bound to one connection, so tests can use a database each. */
export function createModels(db: Connection) {
  return {
    Community: communityModel(db),
    Branch: branchModel(db),
    PartyGroup: partyGroupModel(db),
    Grid: gridModel(db),
    Member: memberModel(db),
    Resident: residentModel(db),
    Activity: activityModel(db),
    Evidence: evidenceModel(db),
    ...duesModels(db),
    ...complaintModels(db),
    ...studyModels(db),
    ...kfModels(db),
  };
}
export type Models = ReturnType<typeof createModels>;

/** Builds the indexes (unique ones are what make imports and retries idempotent). */
export async function syncIndexes(models: Models): Promise<void> {
  // Typed narrowly on purpose: the union of every model's full type is too large for tsc to check.
  for (const model of Object.values(models) as Array<{ createIndexes(): Promise<unknown> }>) {
    await model.createIndexes();
  }
}
