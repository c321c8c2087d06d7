import { addMonths } from '../../domain/dues/allocation.js';
import { formatYuan } from '../../domain/dues/calculator.js';
import { collectionRate, describeArrears, duesFigures } from '../../dues/branch-figures.js';
import type { DeskSection } from './types.js';

/** Arrears named in the 月报 before 「欠费名单」 takes over. */
const NAMED = 10;

/**
 * How far back the 月报 looks for what each member still owes: a member seven months behind is 「欠7个月」, not
 * 「欠1个月」 because the report is about one month.
 */
const ARREARS_MONTHS = 24;

export const duesSection: DeskSection = {
  title: '党费',
  async compute({ models, scope }, months) {
    const f = await duesFigures(models, scope.filter, months);
    if (f.dueFen === 0) return ['没有应缴党费记录。'];
    const head = `应缴 ${formatYuan(f.dueFen)} · 实缴 ${formatYuan(f.paidFen)} · 收缴率 ${collectionRate(f)}`;
    if (f.unpaid.length === 0) return [head, `${f.members}人全部交齐。`];
    const last = months.at(-1)!;
    const window = Array.from({ length: ARREARS_MONTHS }, (_, i) => addMonths(last, i + 1 - ARREARS_MONTHS));
    const { unpaid } = await duesFigures(models, scope.filter, window);
    const more = unpaid.length > NAMED ? [`……共${unpaid.length}人，发「欠费名单」看全部。`] : [];
    return [head, `欠交 ${unpaid.length}人：`, ...unpaid.slice(0, NAMED).map(describeArrears), ...more];
  },
  async disclose({ models, scope }, months) {
    const f = await duesFigures(models, scope.filter, months);
    if (f.dueFen === 0) return ['本期没有应缴党费。'];
    return [
      `应缴 ${formatYuan(f.dueFen)}，实缴 ${formatYuan(f.paidFen)}，收缴率 ${collectionRate(f)}。`,
      `应交纳党员 ${f.members}人，已交齐 ${f.members - f.unpaid.length}人。`,
    ];
  },
};
