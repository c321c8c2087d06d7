import { formatYuan } from '../domain/dues/calculator.js';
import { monthSpans, type YearMonth } from '../domain/text/index.js';
import type { Models } from '../models/index.js';
import { type DuesFilter, type DuesMonth, loadDuesMonths } from './month-rows.js';

export interface Collection {
  dueFen: number;
  paidFen: number;
}

export interface Arrears {
  memberId: string;
  name: string;
  months: YearMonth[];
  fen: number;
}

export interface DuesFigures extends Collection {
  /** Members with a charge in the period not covered by a payment, with what they owe. */
  unpaid: Arrears[];
  /** Members charged in the period. */
  members: number;
  /** 应缴 and 实缴 of each month of the period that had charges. */
  byMonth: Map<YearMonth, Collection>;
}

/** 应缴 and 实缴 (the charged amount of months a payment covers) over ledger months. */
function figuresOf(rows: readonly DuesMonth[]): Omit<DuesFigures, 'unpaid'> & {
  owing: Map<string, { months: YearMonth[]; fen: number }>;
} {
  const owing = new Map<string, { months: YearMonth[]; fen: number }>();
  const byMonth = new Map<YearMonth, Collection>();
  const members = new Set<string>();
  let dueFen = 0;
  let paidFen = 0;
  for (const row of rows) {
    if (row.dueFen === null) continue;
    members.add(row.memberId);
    const month = byMonth.get(row.month) ?? { dueFen: 0, paidFen: 0 };
    byMonth.set(row.month, month);
    dueFen += row.dueFen;
    month.dueFen += row.dueFen;
    if (row.payment) {
      paidFen += row.dueFen;
      month.paidFen += row.dueFen;
      continue;
    }
    const entry = owing.get(row.memberId) ?? { months: [], fen: 0 };
    entry.months.push(row.month);
    entry.fen += row.dueFen;
    owing.set(row.memberId, entry);
  }
  return { dueFen, paidFen, members: members.size, byMonth, owing };
}

/**
 * 应缴, 实缴 and who is behind, for the members a filter selects (a branch, a community) over some months.
 * Read straight from the ledger (charges, payments, reversals, waivers), so nothing is stored twice.
 */
export async function duesFigures(
  models: Models,
  filter: DuesFilter,
  months: YearMonth[],
): Promise<DuesFigures> {
  const { owing, ...figures } = figuresOf(await loadDuesMonths(models, filter, months));
  const names = new Map(
    (await models.Member.find({ _id: { $in: [...owing.keys()] } }, { name: 1 }).lean()).map((m) => [
      String(m._id),
      m.name,
    ]),
  );
  const unpaid = [...owing.entries()]
    .map(([memberId, o]) => ({
      memberId,
      name: names.get(memberId) ?? '?',
      months: o.months.sort(),
      fen: o.fen,
    }))
    .sort((a, b) => b.months.length - a.months.length || a.name.localeCompare(b.name, 'zh'));
  return { ...figures, unpaid };
}

export const collectionRate = (f: Collection) =>
  f.dueFen === 0 ? '—' : `${((f.paidFen / f.dueFen) * 100).toFixed(1)}%`;

/** 王桂兰：欠3个月（9–11月）63.00元 — one line of an arrears list. */
export const describeArrears = (a: Arrears) =>
  `${a.name}：欠${a.months.length}个月（${monthSpans(a.months)}）${formatYuan(a.fen)}`;
