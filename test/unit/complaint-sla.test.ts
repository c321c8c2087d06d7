import { describe, expect, it } from 'vitest';
import {
  computeRates,
  describeRates,
  formatRate,
  type RateInput,
} from '../../src/domain/complaints/rates.js';
import {
  type Clocks,
  clockChanges,
  DEFAULT_SLA,
  formatLimit,
  isLive,
  overdue,
  plannedTimers,
  startClocks,
  tierOf,
} from '../../src/domain/complaints/sla.js';

const at = (iso: string) => new Date(iso);
const T0 = at('2026-11-23T02:00:00Z'); // 10:00 in Shanghai
const H = 3600_000;
const D = 24 * H;

const clocks = (tier: Parameters<typeof startClocks>[1], over: Partial<Clocks> = {}): Clocks => ({
  state: 'pending',
  resolvedAt: null,
  ...startClocks(T0, tier, DEFAULT_SLA),
  ...over,
});

describe('time limits', () => {
  it('puts danger first, then complex categories, else ordinary', () => {
    expect(tierOf('drain', true)).toBe('urgent');
    expect(tierOf('illegal_build', false)).toBe('complex');
    expect(tierOf('leak', false)).toBe('complex');
    expect(tierOf('noise', false)).toBe('ordinary');
  });

  it.each([
    ['urgent', 30 * 60_000, 24 * H],
    ['ordinary', 2 * H, 7 * D],
    ['complex', 2 * H, 15 * D],
  ] as const)('%s: accept and resolve deadlines', (tier, accept, resolve) => {
    const c = startClocks(T0, tier, DEFAULT_SLA);
    expect(c.acceptDeadline.getTime() - T0.getTime()).toBe(accept);
    expect(c.firstAcceptDeadline).toEqual(c.acceptDeadline);
    expect(c.resolveDeadline.getTime() - T0.getTime()).toBe(resolve);
  });

  it('follows a community’s own limits', () => {
    const sla = { ...DEFAULT_SLA, acceptMinutes: 60, resolveDays: 3 };
    const c = startClocks(T0, 'ordinary', sla);
    expect(c.acceptDeadline.getTime() - T0.getTime()).toBe(H);
    expect(c.resolveDeadline.getTime() - T0.getTime()).toBe(3 * D);
  });

  it('tells limits in words', () => {
    expect(formatLimit(2 * H)).toBe('2小时');
    expect(formatLimit(30 * 60_000)).toBe('30分钟');
    expect(formatLimit(24 * H)).toBe('24小时');
    expect(formatLimit(15 * D)).toBe('15天');
  });
});

describe('timers', () => {
  it('a new complaint: remind with a quarter of the time left, escalate at the deadline', () => {
    const timers = plannedTimers(clocks('ordinary'), DEFAULT_SLA);
    expect(timers).toEqual([
      { stage: 'accept-remind', clock: 1, at: new Date(T0.getTime() + 1.5 * H) },
      { stage: 'accept-escalate', clock: 1, at: new Date(T0.getTime() + 2 * H) },
      { stage: 'resolve-remind', clock: 1, at: new Date(T0.getTime() + 5.25 * D) },
      { stage: 'resolve-escalate', clock: 1, at: new Date(T0.getTime() + 7 * D) },
    ]);
  });

  it('accepted: only the resolve clock runs; resolved: one rating reminder after 3 days', () => {
    expect(plannedTimers(clocks('urgent', { state: 'accepted' }), DEFAULT_SLA).map((t) => t.stage)).toEqual([
      'resolve-remind',
      'resolve-escalate',
    ]);
    const resolvedAt = new Date(T0.getTime() + 5 * H);
    expect(plannedTimers(clocks('urgent', { state: 'resolved', resolvedAt }), DEFAULT_SLA)).toEqual([
      { stage: 'rate-remind', clock: 1, at: new Date(resolvedAt.getTime() + 3 * D) },
    ]);
    expect(plannedTimers(clocks('ordinary', { state: 'closed', resolvedAt }), DEFAULT_SLA)).toEqual([]);
    expect(plannedTimers(clocks('ordinary', { state: 'rejected' }), DEFAULT_SLA)).toEqual([]);
  });

  it('a timer whose complaint moved on, or of an earlier clock, is stale', () => {
    const c = clocks('ordinary');
    const soon = new Date(T0.getTime() + H);
    expect(isLive(c, DEFAULT_SLA, { stage: 'accept-escalate', clock: 1 }, soon)).toBe(true);
    expect(
      isLive({ ...c, state: 'accepted' }, DEFAULT_SLA, { stage: 'accept-escalate', clock: 1 }, soon),
    ).toBe(false);
    expect(isLive({ ...c, acceptClock: 2 }, DEFAULT_SLA, { stage: 'accept-escalate', clock: 1 }, soon)).toBe(
      false,
    );
    expect(
      isLive({ ...c, state: 'resolved' }, DEFAULT_SLA, { stage: 'resolve-escalate', clock: 1 }, soon),
    ).toBe(false);
  });

  it('a reminder after its deadline is stale: the escalation speaks', () => {
    const c = clocks('ordinary');
    expect(isLive(c, DEFAULT_SLA, { stage: 'accept-remind', clock: 1 }, new Date(T0.getTime() + H))).toBe(
      true,
    );
    expect(isLive(c, DEFAULT_SLA, { stage: 'accept-remind', clock: 1 }, new Date(T0.getTime() + 3 * H))).toBe(
      false,
    );
  });

  it('knows what is overdue', () => {
    const c = clocks('ordinary');
    expect(overdue(c, new Date(T0.getTime() + H))).toEqual({ accept: false, resolve: false });
    expect(overdue(c, new Date(T0.getTime() + 3 * H))).toEqual({ accept: true, resolve: false });
    expect(overdue({ ...c, state: 'accepted' }, new Date(T0.getTime() + 8 * D))).toEqual({
      accept: false,
      resolve: true,
    });
    expect(overdue({ ...c, state: 'resolved' }, new Date(T0.getTime() + 8 * D))).toEqual({
      accept: false,
      resolve: false,
    });
  });
});

describe('how steps move the clocks', () => {
  const base = { acceptClock: 1, resolveClock: 1, respondedAt: null };
  const now = new Date(T0.getTime() + H);

  it('the first answer stamps the response; later ones do not', () => {
    expect(clockChanges('accept', base, 'ordinary', now, DEFAULT_SLA)).toEqual({ respondedAt: now });
    expect(clockChanges('accept', { ...base, respondedAt: T0 }, 'ordinary', now, DEFAULT_SLA)).toEqual({});
    expect(clockChanges('note', base, 'ordinary', now, DEFAULT_SLA)).toEqual({});
  });

  it('转派 restarts the accept clock for the new handler; 不满意 restarts the resolve clock', () => {
    expect(clockChanges('reassign', base, 'urgent', now, DEFAULT_SLA)).toEqual({
      acceptClock: 2,
      assignedAt: now,
      acceptDeadline: new Date(now.getTime() + 30 * 60_000),
    });
    expect(clockChanges('reopen', base, 'ordinary', now, DEFAULT_SLA)).toEqual({
      resolveClock: 2,
      openedAt: now,
      resolveDeadline: new Date(now.getTime() + 7 * D),
      resolvedAt: null,
    });
    expect(clockChanges('resolve', base, 'ordinary', now, DEFAULT_SLA)).toEqual({
      respondedAt: now,
      resolvedAt: now,
    });
  });
});

describe('the three rates', () => {
  const deadline = new Date(T0.getTime() + 2 * H);
  const c = (over: Partial<RateInput>): RateInput => ({
    state: 'closed',
    firstAcceptDeadline: deadline,
    respondedAt: new Date(T0.getTime() + H),
    resolvedAt: new Date(T0.getTime() + D),
    rating: '满意',
    ...over,
  });
  const later = new Date(T0.getTime() + 10 * D);

  it('count what the definitions say', () => {
    const rates = computeRates(
      [
        c({}),
        c({ rating: '基本满意' }),
        c({ state: 'in_progress', rating: '不满意', resolvedAt: null }),
        c({ respondedAt: new Date(T0.getTime() + 3 * H), state: 'resolved', rating: null }),
        c({ state: 'rejected', resolvedAt: null, rating: null }),
        c({ state: 'pending', respondedAt: null, resolvedAt: null, rating: null }),
        c({ state: 'duplicate', respondedAt: null, resolvedAt: null, rating: null }),
      ],
      later,
    );
    expect(rates).toMatchObject({
      received: 6,
      responseDue: 6,
      respondedOnTime: 4,
      resolvable: 5,
      resolved: 3,
      rated: 3,
      satisfied: 2,
    });
    expect(formatRate(rates.responseRate)).toBe('66.7%');
    expect(formatRate(rates.resolutionRate)).toBe('60%');
    expect(formatRate(rates.satisfactionRate)).toBe('66.7%');
    expect(describeRates(rates)).toBe('响应率66.7%（4/6），办结率60%（3/5），满意率66.7%（2/3）');
  });

  it('a complaint still inside its accept limit is not yet due', () => {
    const rates = computeRates(
      [c({ state: 'pending', respondedAt: null, resolvedAt: null, rating: null })],
      T0,
    );
    expect(rates.responseDue).toBe(0);
    expect(rates.responseRate).toBeNull();
    expect(formatRate(rates.responseRate)).toBe('—');
  });
});
