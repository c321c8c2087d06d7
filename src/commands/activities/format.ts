import { ACTIVITY_TYPE_LABELS, type ActivityType, formatDay, formatMinutes } from '../../domain/activity.js';
import type { IsoDate } from '../../domain/text/index.js';

export interface ActivityLine {
  type: ActivityType;
  date: string;
  minutes?: number | null;
  description: string;
}

export function formatActivity(a: ActivityLine): string {
  return `${formatDay(a.date as IsoDate)} ${ACTIVITY_TYPE_LABELS[a.type]} ${formatMinutes(a.minutes ?? null)} ${a.description}`;
}
