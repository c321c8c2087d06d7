import { describe, expect, it } from 'vitest';
import {
  DEFAULT_POINT_RULES,
  exclusionReason,
  type PointEvent,
  type PointRules,
  PointRulesSchema,
  rankMembers,
  scoreMember,
} from '../../src/domain/points/index.js';

const rules = DEFAULT_POINT_RULES;
const ev = (memberId: string, event: PointEvent['event'], quantity: number): PointEvent => ({
  memberId,
  event,
  quantity,
});
const category = (points: ReturnType<typeof scoreMember>, id: string) =>
  points.categories.find((c) => c.id === id)!;

describe('scoreMember with the default table', () => {
  it('gives 1 point per volunteer hour, to one decimal, and 1 per month of dues paid on time', () => {
    const points = scoreMember(
      'a',
      [
        ev('a', 'volunteer-hour', 2),
        ev('a', 'volunteer-hour', 0.5),
        ev('a', 'dues-on-time', 1),
        ev('a', 'dues-on-time', 1),
      ],
      rules,
    );
    expect(category(points, 'volunteer')).toMatchObject({ points: 2.5, capped: false });
    expect(category(points, 'volunteer').items).toEqual([
      { event: 'volunteer-hour', label: '志愿服务每小时', quantity: 2.5, points: 2.5 },
    ]);
    expect(category(points, 'dues').points).toBe(2);
    expect(points.total).toBe(4.5);
  });

  it('caps what a category can earn', () => {
    const points = scoreMember('a', [ev('a', 'volunteer-hour', 73)], rules);
    expect(category(points, 'volunteer')).toMatchObject({ earned: 73, points: 50, capped: true, cap: 50 });
    expect(points.total).toBe(50);
  });

  it('takes deductions off after the cap: a capped category still loses points for an absence', () => {
    const events = [
      ...Array.from({ length: 14 }, () => ev('a', 'study-attended', 1)),
      ev('a', 'absence-unexcused', 1),
    ];
    const life = category(scoreMember('a', events, rules), 'life');
    expect(life).toMatchObject({ earned: 28, deducted: -2, capped: true, points: 22 });
  });

  it('lets deductions take a category below zero', () => {
    const points = scoreMember('a', [ev('a', 'absence-unexcused', 2)], rules);
    expect(category(points, 'life').points).toBe(-4);
    expect(points.total).toBe(-4);
  });

  it('counts only the member’s own events, and gives nothing for an event the table has no rule for', () => {
    const only: PointRules = {
      ...rules,
      rules: rules.rules.filter((r) => r.event !== 'dues-on-time'),
    };
    const points = scoreMember('a', [ev('a', 'dues-on-time', 5), ev('b', 'volunteer-hour', 3)], only);
    expect(points.total).toBe(0);
    expect(points.categories.every((c) => c.items.length === 0)).toBe(true);
  });
});

describe('rankMembers', () => {
  it('puts the highest first and lets equal totals share a rank', () => {
    const ranked = rankMembers(
      ['a', 'b', 'c', 'd'],
      [ev('a', 'volunteer-hour', 3), ev('b', 'volunteer-hour', 5), ev('c', 'volunteer-hour', 3)],
      rules,
    );
    expect(ranked.map((r) => [r.memberId, r.total, r.rank])).toEqual([
      ['b', 5, 1],
      ['a', 3, 2],
      ['c', 3, 2],
      ['d', 0, 4],
    ]);
  });
});

describe('exclusionReason', () => {
  const today = '2026-11-23';
  const member = { status: 'active' as const, duesCategory: 'retired' as const, mobility: null };

  it('keeps ordinary members in', () => {
    expect(exclusionReason(member, rules, today)).toBeNull();
  });

  it('leaves out mobile members away 6 months or more, by the day', () => {
    const away = (since: string) => ({ ...member, status: 'mobile' as const, mobility: { since } });
    expect(exclusionReason(away('2026-05-23'), rules, today)).toBe('外出流动满6个月，暂不参加积分');
    expect(exclusionReason(away('2026-05-24'), rules, today)).toBeNull();
    expect(exclusionReason({ ...member, status: 'mobile' }, rules, today)).toBeNull(); // since unknown
  });

  it('leaves out excluded statuses and, when configured, dues categories', () => {
    expect(exclusionReason({ ...member, status: 'suspended' }, rules, today)).toBe('停止党籍期间不参加积分');
    const noRetirees = { ...rules, excluded: { ...rules.excluded, duesCategories: ['retired' as const] } };
    expect(exclusionReason(member, noRetirees, today)).toBe('退休党员不参加积分');
  });

  it('keeps mobile members in when the table sets no limit', () => {
    const open = { ...rules, excluded: { ...rules.excluded, mobileAwayMonths: null } };
    const away = { ...member, status: 'mobile' as const, mobility: { since: '2020-01-01' } };
    expect(exclusionReason(away, open, today)).toBeNull();
  });
});

describe('PointRulesSchema', () => {
  const table = {
    categories: [{ id: 'v', label: '志愿' }],
    rules: [{ event: 'volunteer-hour', label: '每小时', points: 1, category: 'v' }],
  };

  it('fills defaults: no cap, nobody excluded', () => {
    expect(PointRulesSchema.parse(table)).toEqual({
      categories: [{ id: 'v', label: '志愿', cap: null }],
      rules: table.rules,
      excluded: { statuses: [], duesCategories: [], mobileAwayMonths: null },
    });
  });

  it.each([
    [
      'a rule in an unknown category',
      { rules: [{ ...table.rules[0], category: 'x' }] },
      /unknown category "x"/,
    ],
    ['two rules for one event', { rules: [table.rules[0], table.rules[0]] }, /has two rules/],
    [
      'an unknown event',
      { rules: [{ ...table.rules[0], event: 'login' }] },
      /expected one of "volunteer-hour"/,
    ],
    ['a rule worth 0', { rules: [{ ...table.rules[0], points: 0 }] }, /must not be 0/],
  ])('refuses %s', (_name, change, message) => {
    const result = PointRulesSchema.safeParse({ ...table, ...change });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message).join('\n')).toMatch(message);
  });
});
