/** Scores members from what their records say happened, under a rule table. Pure: no I/O, no clock. */
import type { DuesCategory, MemberStatus } from '../member-vocabulary.js';
import { DUES_CATEGORY_LABELS, labelOf, MEMBER_STATUS_LABELS } from '../member-vocabulary.js';
import type { IsoDate } from '../text/index.js';
import type { PointEventKind, PointRules } from './rules.js';

/** One thing a record says a member did: 2.5 volunteer hours, one month's dues paid on time … */
export interface PointEvent {
  memberId: string;
  event: PointEventKind;
  quantity: number;
}

export interface ItemPoints {
  event: PointEventKind;
  label: string;
  quantity: number;
  points: number;
}

export interface CategoryPoints {
  id: string;
  label: string;
  cap: number | null;
  /** Additions before the cap. */
  earned: number;
  /** Deductions (≤ 0), never capped. */
  deducted: number;
  points: number;
  capped: boolean;
  items: ItemPoints[];
}

export interface MemberPoints {
  memberId: string;
  total: number;
  categories: CategoryPoints[];
}

/** Points are shown to one decimal (2.5 hours of volunteering = 2.5 points). */
const tenths = (n: number) => Math.round(n * 10) / 10;

/**
 * One member's points: per rule, quantity × points; per category, additions capped, then deductions taken
 * off (a cap limits what can be earned, it does not forgive an absence). Events no rule names earn nothing.
 */
export function scoreMember(
  memberId: string,
  events: readonly PointEvent[],
  rules: PointRules,
): MemberPoints {
  const quantities = new Map<PointEventKind, number>();
  for (const e of events)
    if (e.memberId === memberId) quantities.set(e.event, (quantities.get(e.event) ?? 0) + e.quantity);
  const categories = rules.categories.map((category): CategoryPoints => {
    const items = rules.rules
      .filter((rule) => rule.category === category.id && quantities.has(rule.event))
      .map((rule) => {
        const quantity = tenths(quantities.get(rule.event) ?? 0);
        return { event: rule.event, label: rule.label, quantity, points: tenths(quantity * rule.points) };
      });
    const earned = tenths(items.filter((i) => i.points > 0).reduce((sum, i) => sum + i.points, 0));
    const deducted = tenths(items.filter((i) => i.points < 0).reduce((sum, i) => sum + i.points, 0));
    const capped = category.cap !== null && earned > category.cap;
    const kept = capped ? (category.cap ?? earned) : earned;
    return { ...category, earned, deducted, capped, points: tenths(kept + deducted), items };
  });
  return { memberId, total: tenths(categories.reduce((sum, c) => sum + c.points, 0)), categories };
}

export interface RankedPoints extends MemberPoints {
  /** 1 for the highest; equal totals share a rank (1, 2, 2, 4). */
  rank: number;
}

/** Every member's points, highest first. */
export function rankMembers(
  memberIds: readonly string[],
  events: readonly PointEvent[],
  rules: PointRules,
): RankedPoints[] {
  const byMember = new Map<string, PointEvent[]>();
  for (const e of events) byMember.set(e.memberId, [...(byMember.get(e.memberId) ?? []), e]);
  const scored = memberIds
    .map((id) => scoreMember(id, byMember.get(id) ?? [], rules))
    .sort((a, b) => b.total - a.total);
  return scored.map((s) => ({ ...s, rank: scored.findIndex((o) => o.total === s.total) + 1 }));
}

export interface PointsMember {
  status: MemberStatus;
  duesCategory: DuesCategory;
  /** For mobile members: since when (YYYY-MM-DD) they are away. */
  mobility?: { since?: string | null } | null;
}

/** Whole months from `from` to `to` (2026-01-15 → 2026-07-15 is 6; → 2026-07-14 is 5). */
function wholeMonths(from: string, to: string): number {
  const [y1, m1, d1] = from.split('-').map(Number) as [number, number, number];
  const [y2, m2, d2] = to.split('-').map(Number) as [number, number, number];
  return (y2 - y1) * 12 + (m2 - m1) - (d2 < d1 ? 1 : 0);
}

/** Why a member takes no part in points on `today`, in words for them; null when they do. */
export function exclusionReason(member: PointsMember, rules: PointRules, today: IsoDate): string | null {
  const { statuses, duesCategories, mobileAwayMonths } = rules.excluded;
  if (statuses.includes(member.status))
    return `${labelOf(MEMBER_STATUS_LABELS, member.status)}期间不参加积分`;
  if (duesCategories.includes(member.duesCategory))
    return `${labelOf(DUES_CATEGORY_LABELS, member.duesCategory)}党员不参加积分`;
  const since = member.mobility?.since;
  if (
    member.status === 'mobile' &&
    mobileAwayMonths !== null &&
    since &&
    wholeMonths(since, today) >= mobileAwayMonths
  )
    return `外出流动满${mobileAwayMonths}个月，暂不参加积分`;
  return null;
}
