import type { Models } from '../models/index.js';
import { projectPath } from '../paths.js';
import { importStudySchedules, type ScheduleImportReport } from '../study/schedules.js';
import { seedDemoDues } from './demo-dues.js';
import { type ImportReport, importGrids, importRoster } from './import.js';

/** The demo community in fixtures/demo: 幸福里社区, 3 branches with study days, 9 grids, 150 people. */
export const DEMO_COMMUNITY = { communityCode: 'xingfuli', communityName: '幸福里社区' } as const;

export const DEMO_FILES = {
  grids: 'fixtures/demo/grids.csv',
  members: 'fixtures/demo/members.csv',
  studySchedules: 'fixtures/demo/study-schedules.csv',
} as const;

/**
 * Imports the demo grids, then its members (grids first: members name their grid), then each branch's study-day
 * rule where it has none, with the sessions from `now` on, then this year's dues up to `now` (charges and
 * payments, src/roster/demo-dues.ts). Idempotent.
 */
export async function importDemo(
  models: Models,
  now: Date = new Date(),
): Promise<{
  grids: ImportReport;
  members: ImportReport | null;
  studySchedules: ScheduleImportReport | null;
  dues: { charges: number; payments: number } | null;
}> {
  const grids = await importGrids(models, { ...DEMO_COMMUNITY, file: projectPath(DEMO_FILES.grids) });
  if (grids.rejected.length > 0) return { grids, members: null, studySchedules: null, dues: null };
  const members = await importRoster(models, { ...DEMO_COMMUNITY, file: projectPath(DEMO_FILES.members) });
  const studySchedules = await importStudySchedules(models, {
    communityCode: DEMO_COMMUNITY.communityCode,
    file: projectPath(DEMO_FILES.studySchedules),
    now,
  });
  const community = await models.Community.findOne({ code: DEMO_COMMUNITY.communityCode });
  const dues = community ? await seedDemoDues(models, community._id, now) : null;
  return { grids, members, studySchedules, dues };
}
