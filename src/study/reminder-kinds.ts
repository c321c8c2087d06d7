/**
 * Reminder kinds of study days, as stored in the Reminder collection (period = the session id, or a month for
 * the digest): one per member (or subject) and kind and period, which is what makes every send happen once.
 */
export const STUDY_REMINDER = {
  /** To members, the evening before. */
  eve: 'study-eve',
  /** To members, on the day, shortly before the start. */
  lead: 'study-lead',
  /** To the secretary after a session; one per officer. */
  summary: 'study-summary',
  /** To the secretary, once per run of 3 unexcused absences (period = the run's first session). */
  absences: 'study-absent-3',
  /** To the secretary, monthly, about members with no participation for 6 months (period = YYYY-MM). */
  inactive: 'study-inactive-6m',
} as const;

export const MEMBER_REMINDER_KINDS = [STUDY_REMINDER.eve, STUDY_REMINDER.lead];
