/** Setting a branch's study-day rule: by the secretary's command, or from the demo file. */

import type { Types } from 'mongoose';
import type { ScheduleDraft } from '../domain/study/index.js';
import type { Models } from '../models/index.js';
import { type StudySchedule, storedRule } from '../models/study.js';

/**
 * Writes the branch's rule. `keepExisting` leaves a rule that is already there alone (the demo loads defaults at
 * every start and must not undo what a secretary set). Returns the rule now in force.
 */
export async function saveSchedule(
  models: Models,
  p: {
    communityId: Types.ObjectId;
    branchId: Types.ObjectId;
    draft: Omit<ScheduleDraft, 'branchName'>;
    by: Types.ObjectId | null;
    keepExisting?: boolean;
  },
): Promise<StudySchedule> {
  const { rule, time, durationMinutes, place, holidayPolicy, topic } = p.draft;
  const fields = {
    rule: storedRule(rule),
    time,
    durationMinutes,
    place,
    holidayPolicy,
    topic,
    setByMemberId: p.by,
  };
  await models.StudySchedule.updateOne(
    { branchId: p.branchId },
    p.keepExisting
      ? { $setOnInsert: { communityId: p.communityId, branchId: p.branchId, ...fields } }
      : { $set: fields, $setOnInsert: { communityId: p.communityId, branchId: p.branchId } },
    { upsert: true },
  );
  const saved = await models.StudySchedule.findOne({ branchId: p.branchId }).lean();
  if (!saved) throw new Error(`study schedule for branch ${String(p.branchId)} was not saved`);
  return saved;
}
