import type { Command } from '../bot/command.js';
import { logActivity } from './activity-log.js';
import { myActivities } from './activity-mine.js';
import { activityStats, volunteerRanking } from './activity-stats.js';
import { undoActivity } from './activity-undo.js';
import { acceptComplaint } from './complaint-accept.js';
import { addToComplaint } from './complaint-add.js';
import { markDuplicate } from './complaint-duplicate.js';
import { myComplaints } from './complaint-mine.js';
import { overdueComplaints } from './complaint-overdue.js';
import { complaintProgress } from './complaint-progress.js';
import { rateComplaint } from './complaint-rate.js';
import { reassignComplaint } from './complaint-reassign.js';
import { referComplaint } from './complaint-refer.js';
import { rejectComplaint } from './complaint-reject.js';
import { reportComplaint } from './complaint-report.js';
import { resolveComplaint } from './complaint-resolve.js';
import { complaintStats } from './complaint-stats.js';
import { complaintTodo } from './complaint-todo.js';
import { chartCommands, chartList } from './desk-chart.js';
import { deskDisclosure } from './desk-disclosure.js';
import { exportCommands, exportList } from './desk-export.js';
import { deskReport } from './desk-report.js';
import { duesArrears, duesStats } from './dues-figures.js';
import { confirmDues, payDues } from './dues-pay.js';
import { reverseDues } from './dues-reverse.js';
import { duesStandard } from './dues-standard.js';
import { duesStatus } from './dues-status.js';
import { findMember } from './find-member.js';
import { help } from './help.js';
import { myInfo } from './my-info.js';
import { myPoints } from './points-mine.js';
import { pointsRanking } from './points-ranking.js';
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
import { studyUnleave } from './study-unleave.js';
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
  deskReport,
  deskDisclosure,
  chartList,
  ...chartCommands,
  exportList,
  ...exportCommands,
  myPoints,
  pointsRanking,
  reportComplaint,
  myComplaints,
  complaintProgress,
  addToComplaint,
  rateComplaint,
  acceptComplaint,
  reassignComplaint,
  resolveComplaint,
  referComplaint,
  rejectComplaint,
  markDuplicate,
  complaintTodo,
  overdueComplaints,
  complaintStats,
  studyWhen,
  studySignIn,
  studyLeave,
  studyUnleave,
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
