import type { Speaker } from '../../src/nlu/index.js';
import { IntentModel } from '../../src/nlu/model.js';
import { jiebaSegmenter } from '../../src/nlu/segmenter.js';
import { DEFAULT_TRAINING, train } from '../../src/nlu/train.js';

/** A segmenter that knows a handful of words: enough for small models in unit tests. */
export const smallFeaturiser = {
  segment: jiebaSegmenter(['党费 1000', '学习 1000', '签到 1000', '请假 1000', '活动 1000'].join('\n')),
  pinyin: { 党: 'dang', 当: 'dang', 费: 'fei', 签: 'qian', 前: 'qian', 到: 'dao' } as Record<string, string>,
};

/** Trains a model on a few labelled lines, as `npm run nlu:train` does on the corpus. */
export function smallModel(lines: ReadonlyArray<readonly [string, string, Speaker?]>): IntentModel {
  const parts = train(
    lines.map(([text, intent, speaker]) => ({ text, intent, speaker: speaker ?? 'member' })),
    smallFeaturiser,
    { ...DEFAULT_TRAINING, minCount: 1, keepAbove: 0.01 },
  );
  return new IntentModel(
    {
      version: 1,
      intents: parts.intents,
      bias: parts.bias,
      weights: parts.weights,
      dictionary: '',
      pinyin: smallFeaturiser.pinyin,
      trainedOn: { lines: lines.length, features: parts.features },
    },
    smallFeaturiser,
  );
}
