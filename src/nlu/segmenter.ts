import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Jieba } from '@node-rs/jieba';
import type { Segment } from './features.js';

const require = createRequire(import.meta.url);

/** The dictionary that ships with @node-rs/jieba: one `word frequency tag` a line. */
export function readJiebaDictionary(): string {
  return readFileSync(require.resolve('@node-rs/jieba/dict.txt'), 'utf8');
}

/**
 * A segmenter over the given dictionary lines (`word frequency`, one a line). Cuts without HMM guessing, so the
 * same text is always cut the same way at training and in the bot.
 */
export function jiebaSegmenter(dictionary: string): Segment {
  const jieba = Jieba.withDict(Buffer.from(dictionary));
  return (text) => jieba.cut(text, false);
}
