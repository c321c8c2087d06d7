import { activitySection } from './activities.js';
import { complaintSection } from './complaints.js';
import { duesSection } from './dues.js';
import { studySection } from './study.js';
import type { DeskSection } from './types.js';

/** The parts of the 月报 and the 党务公开 notice, in print order; each is one DeskSection module. */
export const DESK_SECTIONS: readonly DeskSection[] = [
  duesSection,
  studySection,
  activitySection,
  complaintSection,
];
