import { readFileSync } from 'node:fs';
import { projectPath } from '../paths.js';
import { type IntentArtifact, IntentModel } from './model.js';
import { jiebaSegmenter } from './segmenter.js';

export { cleanText, namesNothing, SPEAKERS, type Speaker } from './features.js';
export { type IntentArtifact, IntentModel, type Scored } from './model.js';

/** Written by `npm run nlu:train`, read at start-up; never trained at boot. */
export const INTENT_MODEL_FILE = 'src/nlu/intent-model.json';

/** Builds the model from an artifact: its segmenter and pinyin table come with it. */
export function intentModelFrom(artifact: IntentArtifact): IntentModel {
  return new IntentModel(artifact, {
    segment: jiebaSegmenter(artifact.dictionary),
    pinyin: artifact.pinyin,
  });
}

let shared: IntentModel | undefined;

/** The committed model, loaded once per process. */
export function loadIntentModel(): IntentModel {
  shared ??= intentModelFrom(
    JSON.parse(readFileSync(projectPath(INTENT_MODEL_FILE), 'utf8')) as IntentArtifact,
  );
  return shared;
}
