import { complaintSweep } from './complaint-sweep.js';
import { partyAffairsDisclosure } from './disclosure.js';
import { duesCharges } from './dues-charges.js';
import { duesArrearsAlerts, duesSummary } from './dues-officer-notices.js';
import { duesReminders } from './dues-reminders.js';
import { studyAbsenceAlerts } from './study-absence-alerts.js';
import { studyInactiveDigest } from './study-inactive-digest.js';
import { studyReminders } from './study-reminders.js';
import { studySessions } from './study-sessions.js';
import { studySummary } from './study-summary.js';
import type { ScheduledJob } from './types.js';

/** Every scheduled job; upserted as BullMQ job schedulers when a worker starts. */
export const SCHEDULED_JOBS: readonly ScheduledJob[] = [
  duesCharges,
  duesReminders,
  duesSummary,
  duesArrearsAlerts,
  partyAffairsDisclosure,
  complaintSweep,
  studySessions,
  studyReminders,
  studySummary,
  studyAbsenceAlerts,
  studyInactiveDigest,
];
