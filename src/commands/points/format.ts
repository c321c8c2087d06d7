import { type CategoryPoints, POINT_EVENT_UNITS } from '../../domain/points/index.js';

/**
 * 志愿服务 10.5分（10.5小时×1分） — one category of someone's points; a category with several rules names each
 * (参加学习日 3次×2分；无故缺席学习日 1次×-2分). The rule's label is not repeated before its own quantity.
 */
export function describeCategory(c: CategoryPoints): string {
  const items = c.items.map((i) => {
    const each = `${i.quantity}${POINT_EVENT_UNITS[i.event]}×${round(i.points / i.quantity)}分`;
    return c.items.length > 1 ? `${i.label} ${each}` : each;
  });
  const cap = c.capped ? `，已到上限${c.cap}分` : '';
  return `${c.label} ${c.points}分${items.length ? `（${items.join('；')}${cap}）` : ''}`;
}

const round = (n: number) => Math.round(n * 100) / 100;

/** 志愿服务8 · 党费4 — the non-empty categories in one short line, for rankings. */
export const shortBreakdown = (categories: readonly CategoryPoints[]): string =>
  categories
    .filter((c) => c.items.length > 0)
    .map((c) => `${c.label}${c.points}`)
    .join(' · ');
