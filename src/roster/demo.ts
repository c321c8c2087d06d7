import type { Models } from '../models/index.js';
import { projectPath } from '../paths.js';
import { type ImportReport, importGrids, importRoster } from './import.js';

/** The demo community in fixtures/demo: 幸福里社区, 3 branches, 9 grids, 150 people. */
export const DEMO_COMMUNITY = { communityCode: 'xingfuli', communityName: '幸福里社区' } as const;

export const DEMO_FILES = { grids: 'fixtures/demo/grids.csv', members: 'fixtures/demo/members.csv' } as const;

/** Imports the demo grids, then its members (grids first: members name their grid). Idempotent. */
export async function importDemo(
  models: Models,
): Promise<{ grids: ImportReport; members: ImportReport | null }> {
  const grids = await importGrids(models, { ...DEMO_COMMUNITY, file: projectPath(DEMO_FILES.grids) });
  if (grids.rejected.length > 0) return { grids, members: null };
  const members = await importRoster(models, { ...DEMO_COMMUNITY, file: projectPath(DEMO_FILES.members) });
  return { grids, members };
}
