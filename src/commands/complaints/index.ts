import type { Command } from '../../bot/command.js';
import { acceptComplaint } from './accept.js';
import { addToComplaint } from './add.js';
import { markDuplicate } from './duplicate.js';
import { handOverResident } from './handover.js';
import { myComplaints } from './mine.js';
import { overdueComplaints } from './overdue.js';
import { complaintProgress } from './progress.js';
import { rateComplaint } from './rate.js';
import { reassignComplaint } from './reassign.js';
import { referComplaint } from './refer.js';
import { rejectComplaint } from './reject.js';
import { reportComplaint } from './report.js';
import { residentQr } from './resident-qr.js';
import { resolveComplaint } from './resolve.js';
import { complaintStats } from './stats.js';
import { complaintTodo } from './todo.js';

export const complaintCommands: readonly Command[] = [
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
  handOverResident,
  residentQr,
];
