import type { Types } from 'mongoose';
import { CATEGORIES, type Category, categoryLabel } from '../domain/complaints/categories.js';
import { STATE_LABELS, STATES, type State } from '../domain/complaints/lifecycle.js';
import { computeRates, type Rates } from '../domain/complaints/rates.js';
import type { YearMonth } from '../domain/text/index.js';
import type { Models } from '../models/index.js';
import { type ComplaintScope, complaintFilter } from './scope.js';

/**
 * Complaint figures for a month (诉求统计) or a run of months (the secretary's desk): the complaints received
 * in them (by report time, in the community's zone) and where they stand now. The rates are defined in
 * src/domain/complaints/rates.ts: 响应率 = answered within the accept limit ÷ due an answer; 办结率 = resolved
 * ÷ (received − 不予受理); 满意率 = (满意 + 基本满意) ÷ rated. 重复 are not received (they are counted on the
 * original) but appear under 按状态. Scope: see complaintFilter (a branch = the grids its members lead).
 */
export interface ComplaintFigures extends Rates {
  months: YearMonth[];
  /** Each grid's rates, and what it received by category (for the chart of grids stacked by category). */
  byGrid: Array<
    Rates & { gridId: string | null; name: string; categories: Partial<Record<Category, number>> }
  >;
  byCategory: Array<{ category: Category; label: string; received: number }>;
  byStatus: Array<{ state: State; label: string; count: number }>;
}

function countBy<K extends string>(keys: readonly K[]): Partial<Record<K, number>> {
  const counts: Partial<Record<K, number>> = {};
  for (const k of keys) counts[k] = (counts[k] ?? 0) + 1;
  return counts;
}

export async function complaintFigures(
  models: Models,
  scope: ComplaintScope,
  months: readonly YearMonth[],
  at: Date,
): Promise<ComplaintFigures> {
  const complaints = await models.Complaint.find(
    { ...(await complaintFilter(models, scope)), month: { $in: months } },
    { state: 1, gridId: 1, category: 1, firstAcceptDeadline: 1, respondedAt: 1, resolvedAt: 1, rating: 1 },
  ).lean();
  const gridIds = complaints.map((c) => c.gridId).filter((id): id is Types.ObjectId => id !== null);
  const grids = await models.Grid.find({ _id: { $in: gridIds } }, { name: 1, code: 1 }).lean();
  const gridName = new Map(grids.map((g) => [String(g._id), `${g.code} ${g.name}`]));

  const byGridKey = new Map<string, typeof complaints>();
  for (const c of complaints) {
    const key = c.gridId ? String(c.gridId) : '';
    byGridKey.set(key, [...(byGridKey.get(key) ?? []), c]);
  }
  const received = complaints.filter((c) => c.state !== 'duplicate');
  return {
    months: [...months],
    ...computeRates(complaints, at),
    byGrid: [...byGridKey.entries()]
      .map(([key, list]) => ({
        gridId: key || null,
        name: key ? (gridName.get(key) ?? '已删除的网格') : '未分网格',
        ...computeRates(list, at),
        categories: countBy(list.filter((c) => c.state !== 'duplicate').map((c) => c.category)),
      }))
      .filter((g) => g.received > 0)
      .sort((a, b) => b.received - a.received || a.name.localeCompare(b.name)),
    byCategory: CATEGORIES.map((category) => ({
      category,
      label: categoryLabel(category),
      received: received.filter((c) => c.category === category).length,
    }))
      .filter((c) => c.received > 0)
      .sort((a, b) => b.received - a.received),
    byStatus: STATES.map((state) => ({
      state,
      label: STATE_LABELS[state],
      count: complaints.filter((c) => c.state === state).length,
    })).filter((s) => s.count > 0),
  };
}
