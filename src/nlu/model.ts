import { type Featuriser, features, featureValues, type Speaker } from './features.js';

/**
 * The trained model as committed (src/nlu/intent-model.json): a multinomial logistic regression over sparse
 * features. Weights are integers in thousandths, so the file stays small and diffs stay readable.
 */
export interface IntentArtifact {
  version: 1;
  /** Intent ids, in the order of every weight list. */
  intents: string[];
  /** Bias per intent, thousandths. */
  bias: number[];
  /** feature → [intent index, weight in thousandths, …] (only weights that matter are kept). */
  weights: Record<string, number[]>;
  /**
   * The segmenter's dictionary (`word frequency` lines): jieba's common words and the rarer ones that occur in
   * the corpus. The full dictionary would cost ~20 MB in the worker and a second to load; this a few MB.
   */
  dictionary: string;
  /** Toneless pinyin of each character seen in the corpus or common in the dictionary. */
  pinyin: Record<string, string>;
  /** How the artifact was made: corpus size, date of the corpus, held-out figures are in nlu:eval. */
  trainedOn: { lines: number; features: number };
}

export interface Scored {
  intent: string;
  /** Probability among the intents considered. */
  p: number;
}

/** Scores a message: pure, given the artifact and a featuriser. */
export class IntentModel {
  private readonly index: Map<string, number>;
  constructor(
    readonly artifact: IntentArtifact,
    private readonly featuriser: Featuriser,
  ) {
    this.index = new Map(artifact.intents.map((id, i) => [id, i]));
  }

  get intents(): readonly string[] {
    return this.artifact.intents;
  }

  has(intent: string): boolean {
    return this.index.has(intent);
  }

  /** Raw scores (logits) per intent, in artifact order. */
  logits(text: string, speaker: Speaker): Float64Array {
    const { bias, weights } = this.artifact;
    const z = Float64Array.from(bias, (b) => b / 1000);
    const found = features(text, speaker, this.featuriser);
    const values = featureValues(found);
    found.forEach((feature, at) => {
      const w = weights[feature];
      if (!w) return;
      const value = (values[at] as number) / 1000;
      for (let i = 0; i < w.length; i += 2) z[w[i] as number]! += (w[i + 1] as number) * value;
    });
    return z;
  }

  /** Intents ranked best first, probabilities renormalised over those `considered` (all by default). */
  rank(text: string, speaker: Speaker, considered: (intent: string) => boolean = () => true): Scored[] {
    const z = this.logits(text, speaker);
    const kept = this.artifact.intents
      .map((intent, i) => ({ intent, z: z[i] as number }))
      .filter((s) => considered(s.intent));
    if (kept.length === 0) return [];
    const max = Math.max(...kept.map((s) => s.z));
    const exp = kept.map((s) => Math.exp(s.z - max));
    const sum = exp.reduce((a, b) => a + b, 0);
    return kept.map((s, i) => ({ intent: s.intent, p: (exp[i] as number) / sum })).sort((a, b) => b.p - a.p);
  }
}
