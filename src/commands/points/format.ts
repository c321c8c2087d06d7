import { type CategoryPoints, POINT_EVENT_UNITS } from '../../domain/points/index.js';

/** 志愿服务 10.5分（志愿服务每小时 10.5小时；上限50分） — one category of someone's points. */
export function describeCategory(c: CategoryPoints): string {
  const items = c.items.map((i) => `${i.label} ${i.quantity}${POINT_EVENT_UNITS[i.event]}`);
  const cap = c.capped ? `，已到上限${c.cap}分` : '';
  return `${c.label} ${c.points}分${items.length ? `（${items.join('；')}${cap}）` : ''}`;
}

/** 志愿服务8 · 党费4 — the non-empty categories in one short line, for rankings. */
export const shortBreakdown = (categories: readonly CategoryPoints[]): string =>
  categories
    .filter((c) => c.items.length > 0)
    .map((c) => `${c.label}${c.points}`)
    .join(' · ');
