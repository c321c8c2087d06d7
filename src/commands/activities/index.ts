import type { Command } from '../../bot/command.js';
import { logActivity } from './log.js';
import { myActivities } from './mine.js';
import { activityStats, volunteerRanking } from './stats.js';
import { undoActivity } from './undo.js';

export const activityCommands: readonly Command[] = [
  logActivity,
  undoActivity,
  myActivities,
  activityStats,
  volunteerRanking,
];
