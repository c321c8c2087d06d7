import type { Command } from '../bot/command.js';
import { logActivity } from './activity-log.js';
import { myActivities } from './activity-mine.js';
import { activityStats, volunteerRanking } from './activity-stats.js';
import { undoActivity } from './activity-undo.js';
import { findMember } from './find-member.js';
import { help } from './help.js';
import { myInfo } from './my-info.js';

/** Every command the bot knows; the registry checks them at start-up. */
export const commands: Command[] = [
  help,
  myInfo,
  findMember,
  logActivity,
  undoActivity,
  myActivities,
  activityStats,
  volunteerRanking,
] as Command[];
