import type { Command } from '../bot/command.js';
import { logActivity } from './activity-log.js';
import { myActivities } from './activity-mine.js';
import { activityStats, volunteerRanking } from './activity-stats.js';
import { undoActivity } from './activity-undo.js';
import { duesArrears, duesStats } from './dues-figures.js';
import { confirmDues, payDues } from './dues-pay.js';
import { reverseDues } from './dues-reverse.js';
import { duesStandard } from './dues-standard.js';
import { duesStatus } from './dues-status.js';
import { findMember } from './find-member.js';
import { help } from './help.js';
import { myInfo } from './my-info.js';
import { studyAttendance } from './study-attendance.js';
import { studyCancel } from './study-cancel.js';
import { studyDeliver } from './study-deliver.js';
import { studyLeave } from './study-leave.js';
import { studyMakeup } from './study-makeup.js';
import { studyMove } from './study-move.js';
import { studyPlan } from './study-plan.js';
import { studyRemote } from './study-remote.js';
import { studySchedule } from './study-schedule.js';
import { studySignIn } from './study-signin.js';
import { studyTopic } from './study-topic.js';
import { studyWhen } from './study-when.js';

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
  duesStatus,
  duesStandard,
  payDues,
  confirmDues,
  reverseDues,
  duesArrears,
  duesStats,
  studyWhen,
  studySignIn,
  studyLeave,
  studyRemote,
  studyAttendance,
  studyPlan,
  studySchedule,
  studyTopic,
  studyMove,
  studyCancel,
  studyMakeup,
  studyDeliver,
] as Command[];
