import { formatPeriod, type IsoDate, type YearMonth } from '../domain/text/index.js';
import type { DeskQuery } from './scope.js';
import { DESK_SECTIONS } from './sections/index.js';
import type { DeskSection } from './sections/types.js';

/** 月报: one message, every section's figures for the secretary. */
export async function monthlyReport(
  query: DeskQuery,
  months: YearMonth[],
  sections: readonly DeskSection[] = DESK_SECTIONS,
): Promise<string> {
  const parts = await Promise.all(sections.map((s) => s.compute(query, months)));
  return [
    `月报 · ${formatPeriod(months)}（${query.scope.label}）`,
    ...sections.flatMap((s, i) => [`【${s.title}】`, ...(parts[i] ?? [])]),
  ].join('\n');
}

/** The first line of every section («党费 应缴 …；群众诉求 收到3件 …»): a street office's line per community. */
export async function headlines(
  query: DeskQuery,
  months: YearMonth[],
  kind: 'compute' | 'disclose',
  sections: readonly DeskSection[] = DESK_SECTIONS,
): Promise<string> {
  const parts = await Promise.all(sections.map((s) => s[kind](query, months)));
  return `${query.scope.name}：${sections.map((s, i) => `${s.title} ${parts[i]?.[0] ?? ''}`).join('；')}`;
}

const day = (date: IsoDate) => {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

/**
 * 党务公开: a notice ready to post (党务公开栏 or the branch group) — totals only, the organisation's name
 * and the date, posted at least a week (domain.md §2.4).
 */
export async function disclosureText(
  query: DeskQuery,
  months: YearMonth[],
  postedOn: IsoDate,
  sections: readonly DeskSection[] = DESK_SECTIONS,
): Promise<string> {
  const { scope } = query;
  const parts = await Promise.all(sections.map((s) => s.disclose(query, months)));
  return [
    `${scope.name}党务公开（${formatPeriod(months)}）`,
    ...sections.flatMap((s, i) => [`【${s.title}】`, ...(parts[i] ?? [])]),
    '以上内容公开不少于7天。如有意见建议，请向支部书记反映。',
    `${scope.name}　${day(postedOn)}`,
  ].join('\n');
}
