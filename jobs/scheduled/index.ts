import { complaintSweep } from './complaint-sweep.js';
import { partyAffairsDisclosure } from './disclosure.js';
import { duesCharges } from './dues-charges.js';
import { duesArrearsAlerts, duesSummary } from './dues-officer-notices.js';
import { duesReminders } from './dues-reminders.js';
import type { ScheduledJob } from './types.js';

/** Every scheduled job; upserted as BullMQ job schedulers when a worker starts. */
export const SCHEDULED_JOBS: readonly ScheduledJob[] = [
  duesCharges,
  duesReminders,
  duesSummary,
  duesArrearsAlerts,
  partyAffairsDisclosure,
  complaintSweep,
];
