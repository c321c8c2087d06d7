/** Setting a branch's study-day rule: by the secretary's command, or from the demo file. */

import type { Types } from 'mongoose';
import { civilIsoDate, parseScheduleText, type ScheduleDraft } from '../domain/study/index.js';
import type { Models } from '../models/index.js';
import { type StudySchedule, storedRule } from '../models/study.js';
import { readTable } from '../spreadsheets/read-table.js';
import { materialiseBranch } from './materialise.js';

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

export interface ScheduleImportReport {
  /** Branches that got the file's rule (those that had none). */
  set: number;
  /** Branches whose own rule was kept. */
  kept: number;
  rejected: Array<{ row: number; problem: string }>;
}

/**
 * Loads default rules from a table with columns 支部 and 学习日 (written as for 设置学习日), for branches that have
 * none yet, and writes their coming sessions. Safe to run at every start.
 */
export async function importStudySchedules(
  models: Models,
  p: { communityCode: string; file: string; now: Date },
): Promise<ScheduleImportReport> {
  const report: ScheduleImportReport = { set: 0, kept: 0, rejected: [] };
  const community = await models.Community.findOne({ code: p.communityCode });
  if (!community) throw new Error(`no community "${p.communityCode}": import the roster first`);
  const today = civilIsoDate(p.now, community.timeZone);
  const { rows } = await readTable(p.file);
  for (const { rowNumber, cells } of rows) {
    const branch = await models.Branch.findOne({
      communityId: community._id,
      name: (cells.支部 ?? '').trim(),
    });
    const parsed = parseScheduleText(cells.学习日 ?? '');
    if (!branch) {
      report.rejected.push({ row: rowNumber, problem: `没有支部「${cells.支部 ?? ''}」` });
      continue;
    }
    if (!parsed.ok) {
      const problem = 'error' in parsed ? parsed.error : `学习日缺少${parsed.missing}`;
      report.rejected.push({ row: rowNumber, problem });
      continue;
    }
    const had = await models.StudySchedule.exists({ branchId: branch._id });
    const schedule = await saveSchedule(models, {
      communityId: community._id,
      branchId: branch._id,
      draft: parsed.draft,
      by: null,
      keepExisting: true,
    });
    await materialiseBranch(models, schedule, today);
    if (had) report.kept++;
    else report.set++;
  }
  return report;
}
