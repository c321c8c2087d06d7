import type { Command } from '../../bot/command.js';
import { studyAttendance } from './attendance.js';
import { studyCancel } from './cancel.js';
import { studyDeliver } from './deliver.js';
import { studyLeave } from './leave.js';
import { studyMakeup } from './makeup.js';
import { studyMove } from './move.js';
import { studyPlan } from './plan.js';
import { studyRemote } from './remote.js';
import { studySchedule } from './schedule.js';
import { studySignIn } from './signin.js';
import { studyTopic } from './topic.js';
import { studyUnleave } from './unleave.js';
import { studyWhen } from './when.js';

export const studyCommands: readonly Command[] = [
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
];
