/**
 * Complaint categories (domain.md §4.4). A sentence goes to the category whose words cover most of it
 * (../lexicons/lexicon.ts); ties go to the category listed first, so danger beats nuisance and a specific
 * trade beats 「物业」, which people mention in passing (「跟物业说了不管用」).
 */

import lexicon from '../lexicons/complaint-categories.json' with { type: 'json' };
import { buildLexicon } from '../lexicons/lexicon.js';

export const CATEGORIES = [
  'safety',
  'drain',
  'leak',
  'water',
  'heating',
  'lighting',
  'noise',
  'sanitation',
  'illegal_build',
  'dogs',
  'parking',
  'property',
  'other',
] as const;
export type Category = (typeof CATEGORIES)[number];

interface CategorySpec {
  label: string;
  /** Usually needs outside work or money (maintenance fund, enforcement): the 15-day limit applies. */
  complex: boolean;
}

export const CATEGORY_SPECS: Readonly<Record<Category, CategorySpec>> = {
  safety: { label: '安全隐患', complex: false },
  drain: { label: '下水道堵塞', complex: false },
  leak: { label: '房屋漏水', complex: true },
  water: { label: '供水', complex: false },
  heating: { label: '供暖', complex: false },
  lighting: { label: '路灯楼道灯', complex: false },
  noise: { label: '噪声扰民', complex: false },
  sanitation: { label: '环境卫生', complex: false },
  illegal_build: { label: '违章搭建', complex: true },
  dogs: { label: '文明养犬', complex: false },
  parking: { label: '停车', complex: false },
  property: { label: '物业管理', complex: false },
  other: { label: '其他', complex: false },
};

/** The words residents use, per category: data in ../lexicons/complaint-categories.json. */
export const CATEGORY_LEXICON = buildLexicon<Category>(lexicon, CATEGORIES);

export const categoryLabel = (category: Category): string => CATEGORY_SPECS[category].label;

/** The category a label (「下水道堵塞」, 「噪声」) or code names, if any: for filters typed by officers. */
export function categoryFromLabel(text: string): Category | undefined {
  const wanted = text.trim();
  if (!wanted) return undefined;
  return CATEGORIES.find(
    (c) => c === wanted || CATEGORY_SPECS[c].label === wanted || CATEGORY_SPECS[c].label.startsWith(wanted),
  );
}

/** The category a complaint sentence is about; 'other' when no word of the table occurs. */
export function classify(text: string): Category {
  return CATEGORY_LEXICON.classify(text)?.category ?? 'other';
}
