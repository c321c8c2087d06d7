/**
 * `npm run nlu:train`: trains the intent model on fixtures/nlu/train.jsonl (never the held-out test.jsonl) and
 * writes src/nlu/intent-model.json, which the bot loads at start-up. Deterministic: the same corpus gives the
 * same file.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { pinyin } from 'pinyin-pro';
import type { CorpusLine } from '../src/nlu/corpus.js';
import { cleanText, type Speaker } from '../src/nlu/features.js';
import { INTENT_MODEL_FILE } from '../src/nlu/index.js';
import type { IntentArtifact } from '../src/nlu/model.js';
import { jiebaSegmenter, readJiebaDictionary } from '../src/nlu/segmenter.js';
import { DEFAULT_TRAINING, type Example, train } from '../src/nlu/train.js';
import { projectPath } from '../src/paths.js';

/** Dictionary words at least this frequent are always known to the segmenter (~16,000 words). */
const MIN_WORD_FREQUENCY = 300;
const HAN = /\p{Script=Han}/u;

const lines = readFileSync(projectPath('fixtures/nlu/train.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as CorpusLine);

const dictionary = readJiebaDictionary()
  .split('\n')
  .map((l) => l.split(' '))
  .filter((p): p is [string, string, ...string[]] => !!p[0] && p.length >= 2);
const rare = new Map(
  dictionary.filter(([, f]) => Number(f) < MIN_WORD_FREQUENCY).map(([w, f]) => [w, f] as const),
);

// Rarer dictionary words that occur in the corpus are kept too, so the corpus is cut as the full dictionary would.
const words = new Set<string>();
for (const { text } of lines) {
  const chars = [...cleanText(text).replace(/ /g, '')];
  for (let i = 0; i < chars.length; i++) {
    for (let n = 2; n <= 6 && i + n <= chars.length; n++) {
      const candidate = chars.slice(i, i + n).join('');
      if (rare.has(candidate)) words.add(candidate);
    }
  }
}

const characters = new Set<string>();
for (const { text } of lines) for (const c of text) if (HAN.test(c)) characters.add(c);
for (const [word, frequency] of dictionary) {
  if (Number(frequency) >= MIN_WORD_FREQUENCY) for (const c of word) if (HAN.test(c)) characters.add(c);
}
const table: Record<string, string> = {};
for (const c of [...characters].sort()) table[c] = pinyin(c, { toneType: 'none' });

/**
 * Officers and grid leaders are members too, and members report problems as residents do: a member's line also
 * trains as an officer's or a grid leader's (alternately), a resident's as a member's, at half the weight,
 * so the speaker shifts the odds without hiding what every registered person may do.
 */
const WIDENED_WEIGHT = 1 / 2;
function widened(all: readonly CorpusLine[]): Example[] {
  let turn = 0;
  return all.flatMap((line) => {
    const own: Example = { text: line.text, speaker: line.role, intent: line.intent };
    const as = (speaker: Speaker): Example => ({ ...own, speaker, weight: WIDENED_WEIGHT });
    if (line.role === 'member') return [own, as(turn++ % 2 === 0 ? 'officer' : 'grid_leader')];
    if (line.role === 'resident') return [own, as('member')];
    return [own];
  });
}

const started = performance.now();
const segmenterDictionary = [
  ...dictionary.filter(([, f]) => Number(f) >= MIN_WORD_FREQUENCY).map(([w, f]) => `${w} ${f}`),
  ...[...words].sort().map((w) => `${w} ${rare.get(w)}`),
].join('\n');
const model = train(
  widened(lines),
  { segment: jiebaSegmenter(segmenterDictionary), pinyin: table },
  DEFAULT_TRAINING,
);
const artifact: IntentArtifact = {
  version: 1,
  intents: model.intents,
  bias: model.bias,
  weights: model.weights,
  dictionary: segmenterDictionary,
  pinyin: table,
  trainedOn: { lines: lines.length, features: model.features },
};
const json = JSON.stringify(artifact);
writeFileSync(projectPath(INTENT_MODEL_FILE), `${json}\n`);
console.log(
  `trained on ${lines.length} lines, ${model.intents.length} intents, ${model.features} features kept, ` +
    `${(json.length / 1024).toFixed(0)} KB, ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
