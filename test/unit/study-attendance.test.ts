import { describe, expect, it } from 'vitest';
import {
  absenceStreak,
  type HeldSession,
  inactiveMembers,
  outcomes,
  percent,
  tally,
} from '../../src/domain/study/index.js';

describe('one session', () => {
  const results = outcomes(
    ['a', 'b', 'c', 'd', 'e', 'f'],
    [
      { memberId: 'a', kind: 'signed' },
      { memberId: 'b', kind: 'makeup' },
      { memberId: 'c', kind: 'leave' },
      { memberId: 'd', kind: 'remote' },
      { memberId: 'e', kind: 'home_delivered' },
      { memberId: 'x', kind: 'signed' },
    ],
  );

  it('gives each expected member an outcome, absent without a record; others are not counted', () => {
    expect(Object.fromEntries(results)).toEqual({
      a: 'signed',
      b: 'makeup',
      c: 'leave',
      d: 'remote',
      e: 'home_delivered',
      f: 'absent',
    });
  });

  it('tallies 应到/实到/请假/远程/缺席', () => {
    expect(tally(results.values())).toEqual({ expected: 6, present: 2, leave: 1, remote: 2, absent: 1 });
  });

  it('gives rates as whole percents', () => {
    expect(percent(5, 6)).toBe('83%');
    expect(percent(0, 0)).toBe('—');
  });
});

describe('consecutive unexcused absences (newest first)', () => {
  it.each([
    [['absent', 'absent', 'absent'], 3],
    [['absent', 'absent', 'leave', 'absent'], 2],
    [['signed', 'absent', 'absent', 'absent'], 0],
    [['absent', 'remote', 'absent', 'absent'], 1],
    [[], 0],
  ] as const)('%j → %i', (history, streak) => {
    expect(absenceStreak(history)).toBe(streak);
  });
});

describe('six months without taking part', () => {
  const session = (date: string, records: HeldSession['records'], expected = ['a', 'b', 'c', 'd']) => ({
    date: date as HeldSession['date'],
    expected,
    records,
  });
  const sessions: HeldSession[] = [
    session('2026-05-10', [{ memberId: 'a', kind: 'signed' }], ['a', 'b', 'c']),
    session('2026-06-10', [{ memberId: 'b', kind: 'leave' }]),
    session('2026-08-10', [{ memberId: 'b', kind: 'leave' }]),
    session('2026-10-25', [{ memberId: 'c', kind: 'home_delivered' }]),
  ];

  it('flags members with no participation since the first month, with their leaves, and nobody who joined later', () => {
    expect(inactiveMembers(sessions, '2026-05')).toEqual([{ memberId: 'b', sessions: 4, leaves: 2 }]);
  });

  it('flags nobody when no session was held in the first month', () => {
    expect(inactiveMembers(sessions.slice(1), '2026-05')).toEqual([]);
  });
});
