import { type Featuriser, features, featureValues, type Speaker } from './features.js';
import type { IntentArtifact } from './model.js';

export interface Example {
  text: string;
  speaker: Speaker;
  intent: string;
  /** How much the line counts (1 unless said). */
  weight?: number;
}

export interface TrainOptions {
  epochs: number;
  learningRate: number;
  /** L2 penalty per update, keeps rare features from shouting. */
  l2: number;
  /** Features seen in fewer training lines are dropped. */
  minCount: number;
  /** Weights smaller than this (absolute) are not kept in the artifact. */
  keepAbove: number;
  seed: number;
  /** How much rarer intents' lines count more: each line weighs (lines per intent on average / its intent's lines)^balance. */
  balance: number;
}

export const DEFAULT_TRAINING: TrainOptions = {
  epochs: 30,
  learningRate: 0.2,
  l2: 1e-4,
  minCount: 2,
  keepAbove: 0.3,
  seed: 20261118,
  balance: 0.75,
};

/** A small deterministic generator, so the same corpus always gives the same model. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Parts = Pick<IntentArtifact, 'intents' | 'bias' | 'weights'> & { features: number };

/**
 * Multinomial logistic regression by stochastic gradient descent with AdaGrad steps, features valued as
 * featureValues says (as the model does). Deterministic: the shuffles come from a seeded generator.
 */
export function train(
  examples: readonly Example[],
  f: Featuriser,
  options: TrainOptions = DEFAULT_TRAINING,
): Parts {
  const intents = [...new Set(examples.map((e) => e.intent))].sort();
  const intentIndex = new Map(intents.map((id, i) => [id, i]));
  const K = intents.length;
  const featured = examples.map((e) => ({
    y: intentIndex.get(e.intent) as number,
    fs: features(e.text, e.speaker, f),
    weight: e.weight ?? 1,
  }));
  const counts = new Map<string, number>();
  for (const { fs } of featured) for (const x of fs) counts.set(x, (counts.get(x) ?? 0) + 1);
  const vocabulary = [...counts]
    .filter(([, n]) => n >= options.minCount)
    .map(([x]) => x)
    .sort();
  const featureIndex = new Map(vocabulary.map((x, i) => [x, i]));
  const rows = featured.map(({ y, fs, weight }) => {
    const values = featureValues(fs);
    const ids: number[] = [];
    const xs: number[] = [];
    fs.forEach((x, i) => {
      const id = featureIndex.get(x);
      if (id === undefined) return;
      ids.push(id);
      xs.push(values[i] as number);
    });
    return { y, ids, xs, weight };
  });

  const perIntent = new Map<number, number>();
  for (const { y } of rows) perIntent.set(y, (perIntent.get(y) ?? 0) + 1);
  const weightOf = (y: number) => (rows.length / K / (perIntent.get(y) as number)) ** options.balance;
  const W = new Float64Array(vocabulary.length * K);
  const G = new Float64Array(vocabulary.length * K).fill(1e-8);
  const b = new Float64Array(K);
  const Gb = new Float64Array(K).fill(1e-8);
  const random = mulberry32(options.seed);
  const order = rows.map((_, i) => i);
  const z = new Float64Array(K);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    for (const r of order) {
      const { y, ids, xs, weight } = rows[r]!;
      z.set(b);
      ids.forEach((id, i) => {
        for (let k = 0; k < K; k++) z[k]! += W[id * K + k]! * xs[i]!;
      });
      let max = -Infinity;
      for (let k = 0; k < K; k++) max = Math.max(max, z[k]!);
      let sum = 0;
      for (let k = 0; k < K; k++) {
        z[k] = Math.exp(z[k]! - max);
        sum += z[k]!;
      }
      for (let k = 0; k < K; k++) {
        const g = (z[k]! / sum - (k === y ? 1 : 0)) * weightOf(y) * weight;
        Gb[k]! += g * g;
        b[k]! -= (options.learningRate * g) / Math.sqrt(Gb[k]!);
        for (let i = 0; i < ids.length; i++) {
          const at = ids[i]! * K + k;
          const gw = g * xs[i]! + options.l2 * W[at]!;
          G[at]! += gw * gw;
          W[at]! -= (options.learningRate * gw) / Math.sqrt(G[at]!);
        }
      }
    }
  }

  const weights: Record<string, number[]> = {};
  vocabulary.forEach((x, id) => {
    // Adding one constant to a feature's weights for every intent changes no probability: centre them, so the
    // pruning below drops what does not tell intents apart.
    let mean = 0;
    for (let k = 0; k < K; k++) mean += W[id * K + k]! / K;
    const kept: number[] = [];
    for (let k = 0; k < K; k++) {
      const w = W[id * K + k]! - mean;
      if (Math.abs(w) >= options.keepAbove) kept.push(k, Math.round(w * 1000));
    }
    if (kept.length > 0) weights[x] = kept;
  });
  return {
    intents,
    bias: [...b].map((v) => Math.round(v * 1000)),
    weights,
    features: Object.keys(weights).length,
  };
}
