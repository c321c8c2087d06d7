import { describe, expect, it } from 'vitest';
import {
  clockOf,
  type SessionTiming,
  sessionEnd,
  sessionStart,
  signInState,
  signInWindow,
} from '../../src/domain/study/index.js';

const ZONE = 'Asia/Shanghai';
const session: SessionTiming = { date: '2026-10-10', time: '19:00', durationMinutes: 120 };

describe('a session at 19:00 for two hours on 10 October 2026, Shanghai time', () => {
  it('starts and ends at instants read on Shanghai clocks, whatever the server zone', () => {
    expect(sessionStart(session, ZONE).toISOString()).toBe('2026-10-10T11:00:00.000Z');
    expect(sessionEnd(session, ZONE).toISOString()).toBe('2026-10-10T13:00:00.000Z');
    expect(sessionStart(session, 'UTC').toISOString()).toBe('2026-10-10T19:00:00.000Z');
  });

  const window = signInWindow(session, ZONE, 30);
  it.each([
    ['2026-10-10T18:29:59+08:00', 'early'],
    ['2026-10-10T18:30:00+08:00', 'open'],
    ['2026-10-10T19:00:00+08:00', 'open'],
    ['2026-10-10T20:59:59+08:00', 'open'],
    ['2026-10-10T21:00:00+08:00', 'closed'],
    ['2026-10-11T18:45:00+08:00', 'closed'],
    ['2026-10-09T18:45:00+08:00', 'early'],
    // 18:45 in Shanghai is 10:45 UTC: a server on UTC must not read it as early morning.
    ['2026-10-10T10:45:00Z', 'open'],
  ])('at %s signing in is %s', (now, state) => {
    expect(signInState(new Date(now), window)).toBe(state);
  });

  it('opens as many minutes before the start as the branch sets', () => {
    const wide = signInWindow(session, ZONE, 60);
    expect(clockOf(wide.opens, ZONE)).toBe('18:00');
    expect(signInState(new Date('2026-10-10T18:15:00+08:00'), wide)).toBe('open');
  });

  it('reads an instant back as a Shanghai wall-clock time', () => {
    expect(clockOf(new Date('2026-10-10T10:30:00Z'), ZONE)).toBe('18:30');
  });
});
