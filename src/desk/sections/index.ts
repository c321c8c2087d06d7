import { activitySection } from './activities.js';
import { duesSection } from './dues.js';
import type { DeskSection } from './types.js';

/**
 * The parts of the 月报 and the 党务公开 notice, in print order. Study days and complaints each add one
 * DeskSection module here.
 */
export const DESK_SECTIONS: readonly DeskSection[] = [duesSection, activitySection];
