/**
 * Time limits (domain.md §4.1, Beijing 12345 draft standard), in natural time: accept an online report
 * within 2 h (urgent 30 min); resolve urgent matters within 24 h, ordinary ones within 7 days, complex
 * ones (structural leaks, illegal building: maintenance funds or enforcement) within 15 days. Each
 * community may set its own (Community.complaintSla). The handler is reminded when a quarter of the time
 * is left, and the secretary hears when it has run out.
 */

import { CATEGORY_SPECS, type Category } from './categories.js';
import { isOpen, RULES, type State, type Step } from './lifecycle.js';

export interface SlaSettings {
  acceptMinutes: number;
  acceptUrgentMinutes: number;
  resolveUrgentHours: number;
  resolveDays: number;
  resolveComplexDays: number;
  /** The reporter is reminded once to rate this long after 办结. */
  rateReminderDays: number;
}

export const DEFAULT_SLA: Readonly<SlaSettings> = {
  acceptMinutes: 120,
  acceptUrgentMinutes: 30,
  resolveUrgentHours: 24,
  resolveDays: 7,
  resolveComplexDays: 15,
  rateReminderDays: 3,
};

export type Tier = 'urgent' | 'ordinary' | 'complex';

export const TIER_LABELS: Readonly<Record<Tier, string>> = {
  urgent: '紧急',
  ordinary: '一般',
  complex: '复杂',
};

export const tierOf = (category: Category, urgent: boolean): Tier =>
  urgent ? 'urgent' : CATEGORY_SPECS[category].complex ? 'complex' : 'ordinary';

const MINUTE = 60_000;

export const acceptLimitMs = (sla: SlaSettings, tier: Tier): number =>
  (tier === 'urgent' ? sla.acceptUrgentMinutes : sla.acceptMinutes) * MINUTE;

export function resolveLimitMs(sla: SlaSettings, tier: Tier): number {
  if (tier === 'urgent') return sla.resolveUrgentHours * 60 * MINUTE;
  return (tier === 'complex' ? sla.resolveComplexDays : sla.resolveDays) * 24 * 60 * MINUTE;
}

/** 「2小时」, 「30分钟」, 「24小时」, 「7天」: how a limit is told to people. */
export function formatLimit(ms: number): string {
  const minutes = Math.round(ms / MINUTE);
  if (minutes % (24 * 60) === 0 && minutes > 24 * 60) return `${minutes / (24 * 60)}天`;
  if (minutes % 60 === 0) return `${minutes / 60}小时`;
  return `${minutes}分钟`;
}

/** The clocks of one complaint, as stored on it. */
export interface Clocks {
  state: State;
  /** Bumped on every (re)assignment: the accept clock restarts for the new handler. */
  acceptClock: number;
  assignedAt: Date;
  acceptDeadline: Date;
  /** Bumped when an unsatisfied reporter reopens it: the resolve clock restarts. */
  resolveClock: number;
  openedAt: Date;
  resolveDeadline: Date;
  resolvedAt: Date | null;
}

export const TIMER_STAGES = [
  'accept-remind',
  'accept-escalate',
  'resolve-remind',
  'resolve-escalate',
  'rate-remind',
] as const;
export type TimerStage = (typeof TIMER_STAGES)[number];

export interface Timer {
  stage: TimerStage;
  /** The clock generation it belongs to: a timer of an earlier generation is stale. */
  clock: number;
  at: Date;
}

/** Unique per complaint: a timer fires once, however many jobs or sweeps reach it. */
export const timerKey = (t: Pick<Timer, 'stage' | 'clock'>): string => `${t.stage}-${t.clock}`;

const quarterLeft = (from: Date, to: Date) => new Date(to.getTime() - (to.getTime() - from.getTime()) / 4);

/** The timers that matter in the complaint's present state. */
export function plannedTimers(c: Clocks, sla: SlaSettings): Timer[] {
  const timers: Timer[] = [];
  if (c.state === 'pending') {
    timers.push(
      { stage: 'accept-remind', clock: c.acceptClock, at: quarterLeft(c.assignedAt, c.acceptDeadline) },
      { stage: 'accept-escalate', clock: c.acceptClock, at: c.acceptDeadline },
    );
  }
  if (isOpen(c.state)) {
    timers.push(
      { stage: 'resolve-remind', clock: c.resolveClock, at: quarterLeft(c.openedAt, c.resolveDeadline) },
      { stage: 'resolve-escalate', clock: c.resolveClock, at: c.resolveDeadline },
    );
  }
  // A rating moves the complaint on at once, so 已办结 means not yet rated since it was resolved.
  if (c.state === 'resolved' && c.resolvedAt) {
    const at = new Date(c.resolvedAt.getTime() + sla.rateReminderDays * 24 * 60 * MINUTE);
    timers.push({ stage: 'rate-remind', clock: c.resolveClock, at });
  }
  return timers;
}

/**
 * A timer still means something: its stage applies in the present state, with the same clock generation,
 * and — for a reminder — its deadline has not passed yet (after that the escalation speaks).
 */
export function isLive(
  c: Clocks,
  sla: SlaSettings,
  timer: Pick<Timer, 'stage' | 'clock'>,
  at: Date,
): boolean {
  const planned = plannedTimers(c, sla).find((t) => t.stage === timer.stage && t.clock === timer.clock);
  if (!planned) return false;
  if (timer.stage === 'accept-remind') return c.acceptDeadline > at;
  if (timer.stage === 'resolve-remind') return c.resolveDeadline > at;
  return true;
}

/** Passed deadlines of an open complaint, for 超时诉求: not accepted in time, not resolved in time. */
export function overdue(c: Clocks, at: Date): { accept: boolean; resolve: boolean } {
  return {
    accept: c.state === 'pending' && c.acceptDeadline <= at,
    resolve: isOpen(c.state) && c.resolveDeadline <= at,
  };
}

/** The clocks a new complaint starts with. */
export function startClocks(now: Date, tier: Tier, sla: SlaSettings) {
  const acceptDeadline = new Date(now.getTime() + acceptLimitMs(sla, tier));
  return {
    acceptClock: 1,
    assignedAt: now,
    acceptDeadline,
    firstAcceptDeadline: acceptDeadline,
    resolveClock: 1,
    openedAt: now,
    resolveDeadline: new Date(now.getTime() + resolveLimitMs(sla, tier)),
  };
}

type ClockFields = Pick<Clocks, 'acceptClock' | 'resolveClock'> & { respondedAt: Date | null };

/**
 * How a step moves the clocks: the first answer stamps respondedAt (响应率); 转派 restarts the accept clock
 * for the new handler; 办结 stamps resolvedAt; an unsatisfied reporter reopening restarts the resolve clock.
 */
export function clockChanges(step: Step, c: ClockFields, tier: Tier, now: Date, sla: SlaSettings) {
  const changes: Partial<Omit<Clocks, 'state'>> & { respondedAt?: Date } = {};
  if (RULES[step].responds && !c.respondedAt) changes.respondedAt = now;
  if (step === 'reassign') {
    changes.acceptClock = c.acceptClock + 1;
    changes.assignedAt = now;
    changes.acceptDeadline = new Date(now.getTime() + acceptLimitMs(sla, tier));
  }
  if (step === 'resolve') changes.resolvedAt = now;
  if (step === 'reopen') {
    changes.resolveClock = c.resolveClock + 1;
    changes.openedAt = now;
    changes.resolveDeadline = new Date(now.getTime() + resolveLimitMs(sla, tier));
    changes.resolvedAt = null;
  }
  return changes;
}
