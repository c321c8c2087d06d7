/**
 * The 三率 of 接诉即办 (domain.md §4.1), over the complaints received in a period, as this bot defines them:
 *
 * - 收到 (received; 12345's 受理量, not our 受理 step): complaints reported in the period, not counting those
 *   found to be 重复 (the same problem as an earlier complaint is one demand, counted once, on the original).
 * - 响应率 = 按时响应 ÷ 应响应. A complaint is 按时响应 when its handler's first answer — 受理, 转办,
 *   不予受理 or 办结, whichever came first — came within the accept limit counted from the report (2 h, urgent
 *   30 min). 应响应 are the received complaints that were answered or whose limit has passed: one still
 *   inside its two hours is not yet late, so it does not count against the rate.
 * - 办结率 (domain.md §4.1 says 解决率) = 已办结 ÷ (收到 − 不予受理). 已办结 means resolved now (已办结 or
 *   已回访); a complaint an unsatisfied reporter reopened is not resolved until it is resolved again; 转办
 *   without a result is not resolved.
 * - 满意率 = (满意 + 基本满意) ÷ 已评价: complaints the reporter rated, by their latest verdict.
 *
 * A rate with nothing to divide by is null (shown as 「—」), never 0 % or 100 %.
 */

import type { State } from './lifecycle.js';
import type { Rating } from './rating.js';
import { isSatisfied } from './rating.js';

export interface RateInput {
  state: State;
  /** Report time + accept limit, fixed when it was reported. */
  firstAcceptDeadline: Date;
  respondedAt: Date | null;
  resolvedAt: Date | null;
  rating: Rating | null;
}

export interface Rates {
  received: number;
  responseDue: number;
  respondedOnTime: number;
  resolvable: number;
  resolved: number;
  rated: number;
  satisfied: number;
  responseRate: number | null;
  resolutionRate: number | null;
  satisfactionRate: number | null;
}

const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

/** The three rates as of `at`. */
export function computeRates(complaints: readonly RateInput[], at: Date): Rates {
  const received = complaints.filter((c) => c.state !== 'duplicate');
  const responseDue = received.filter((c) => c.respondedAt !== null || c.firstAcceptDeadline <= at);
  const respondedOnTime = responseDue.filter(
    (c) => c.respondedAt !== null && c.respondedAt <= c.firstAcceptDeadline,
  ).length;
  const resolvable = received.filter((c) => c.state !== 'rejected');
  const resolved = resolvable.filter(
    (c) => c.resolvedAt !== null && ['resolved', 'closed'].includes(c.state),
  );
  const rated = received.filter((c) => c.rating !== null);
  const satisfied = rated.filter((c) => isSatisfied(c.rating!)).length;
  return {
    received: received.length,
    responseDue: responseDue.length,
    respondedOnTime,
    resolvable: resolvable.length,
    resolved: resolved.length,
    rated: rated.length,
    satisfied,
    responseRate: ratio(respondedOnTime, responseDue.length),
    resolutionRate: ratio(resolved.length, resolvable.length),
    satisfactionRate: ratio(satisfied, rated.length),
  };
}

/** 0.9166 → 「91.7%」; null → 「—」. */
export const formatRate = (rate: number | null): string =>
  rate === null ? '—' : `${Math.round(rate * 1000) / 10}%`;

/** 「响应率91.7%（11/12），办结率81.8%（9/11），满意率100%（6/6）」: each rate with what it divides. */
export const describeRates = (r: Rates): string =>
  `响应率${formatRate(r.responseRate)}（${r.respondedOnTime}/${r.responseDue}），办结率${formatRate(r.resolutionRate)}（${r.resolved}/${r.resolvable}），满意率${formatRate(r.satisfactionRate)}（${r.satisfied}/${r.rated}）`;
