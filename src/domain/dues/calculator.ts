/** A member's monthly Party dues under the 2008 rules (中组发〔2008〕3号, domain.md §1.1), in integer fen. */

import type { DuesCategory } from '../member-vocabulary.js';

/** Monthly dues are capped at 1000元; anything more is voluntary (domain.md §1.1). */
export const MONTHLY_CAP_FEN = 100_000;
/** Students, the unemployed and 低保 recipients pay 0.2元; farmers too unless the branch sets more. */
export const FLAT_FEN = 20;
/** The farmers' band, 0.2–1元: where in it is the branch's choice. */
export const FARMER_MAX_FEN = 100;

/** Rounding of a percentage is not stated in any source (domain.md §1.1), so it is a branch setting. */
export type DuesRounding = 'fen' | 'jiao';

export interface DuesInput {
  category: DuesCategory;
  /** After-tax monthly wage, or pension for retirees, in fen. Required for employed, retired and other. */
  baseFen?: number | null;
  /** The branch's farmer rate, 20–100 fen; 20 when absent. */
  farmerFen?: number;
  rounding?: DuesRounding;
}

export interface DuesAmount {
  fen: number;
  /** The bracket in words, for the member who asks why (the brackets have cliffs). */
  rule: string;
}

interface Bracket {
  /** The highest base in this bracket, inclusive: 3000元 is still 0.5%, 3000.01元 is 1%. */
  upToFen: number;
  /** 50 = 0.5%. Basis points keep the arithmetic in integers. */
  basisPoints: number;
  label: string;
}

/** Not marginal: the bracket's one rate applies to the whole base. */
const SALARIED: readonly Bracket[] = [
  { upToFen: 300_000, basisPoints: 50, label: '月收入3000元以下按0.5%' },
  { upToFen: 500_000, basisPoints: 100, label: '3000元以上至5000元按1%' },
  { upToFen: 1_000_000, basisPoints: 150, label: '5000元以上至10000元按1.5%' },
  { upToFen: Number.POSITIVE_INFINITY, basisPoints: 200, label: '10000元以上按2%' },
];
const RETIRED: readonly Bracket[] = [
  { upToFen: 500_000, basisPoints: 50, label: '月收入5000元以下按0.5%' },
  { upToFen: Number.POSITIVE_INFINITY, basisPoints: 100, label: '月收入5000元以上按1%' },
];

const FLAT_LABELS: Readonly<Record<'student' | 'unemployed' | 'low_income' | 'farmer', string>> = {
  student: '学生',
  unemployed: '下岗失业人员',
  low_income: '低保人员',
  farmer: '农民党员',
};

/**
 * The monthly amount and the rule behind it. Flat categories ignore any base. 'other' (annual salary,
 * self-employed) uses the salaried brackets on a declared base. Throws RangeError('base required') when a
 * percentage category has no base: the caller must ask for one or use a branch override, never guess.
 */
export function monthlyDuesFen(input: DuesInput): DuesAmount {
  const { category } = input;
  if (category === 'farmer') return flat(category, farmerFen(input.farmerFen));
  if (category !== 'employed' && category !== 'retired' && category !== 'other') {
    return flat(category, FLAT_FEN);
  }
  const base = input.baseFen;
  if (base === undefined || base === null) throw new RangeError('base required');
  const scale = category === 'retired' ? RETIRED : SALARIED;
  const bracket = scale.find((b) => base <= b.upToFen) as Bracket;
  const fen = percentOf(base, bracket.basisPoints, input.rounding ?? 'fen');
  const who = { employed: '在职', retired: '退休人员', other: '按在职标准' }[category];
  const rule = `${who}，${bracket.label}`;
  return fen > MONTHLY_CAP_FEN ? { fen: MONTHLY_CAP_FEN, rule: `${rule}，每月以1000元为限` } : { fen, rule };
}

function flat(category: keyof typeof FLAT_LABELS, fen: number): DuesAmount {
  return {
    fen,
    rule: `${FLAT_LABELS[category]}每月${formatFenPlain(fen).replace(/\.00$|(?<=\.\d)0$/, '')}元`,
  };
}

function farmerFen(fen: number | undefined): number {
  if (fen === undefined) return FLAT_FEN;
  if (!Number.isInteger(fen) || fen < FLAT_FEN || fen > FARMER_MAX_FEN) {
    throw new RangeError('farmer dues must be 20–100 fen');
  }
  return fen;
}

/** base × rate, rounded half-up to whole fen or to whole jiao (10 fen), all in integers. */
function percentOf(baseFen: number, basisPoints: number, rounding: DuesRounding): number {
  const product = baseFen * basisPoints;
  if (!Number.isSafeInteger(baseFen) || baseFen < 0 || !Number.isSafeInteger(product)) {
    throw new RangeError('base must be a whole, non-negative number of fen');
  }
  const unit = rounding === 'jiao' ? 10 : 1;
  const divisor = 10_000 * unit;
  const whole = Math.floor(product / divisor);
  return (2 * (product - whole * divisor) >= divisor ? whole + 1 : whole) * unit;
}

/** 2100 → '21.00'. */
export function formatFenPlain(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError('fen must be a whole number');
  const abs = Math.abs(fen);
  return `${fen < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** 2100 → '21.00元'. */
export const formatYuan = (fen: number): string => `${formatFenPlain(fen)}元`;
