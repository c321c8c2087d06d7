/**
 * Builds the NLU corpus in fixtures/nlu/: `npm run nlu:corpus -- new-lines.jsonl …` checks each given file's lines
 * (JSON, known role and intent, slot keys per the spec) into fixtures/nlu/sources/<same name>, then rebuilds
 * train.jsonl and test.jsonl from every source: exact and near duplicates dropped, the held-out fifth fixed by
 * each line's text (src/nlu/corpus.ts). sources/seed.jsonl (the commands' own words) is always training.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { commands } from '../src/commands/index.js';
import {
  bigrams,
  CHAT_INTENTS,
  type CorpusLine,
  checkLine,
  isHeldOut,
  nearlySame,
  sameLineKey,
} from '../src/nlu/corpus.js';
import { projectPath } from '../src/paths.js';

const DIR = projectPath('fixtures/nlu');
const SOURCES = projectPath('fixtures/nlu/sources');
const SEED = 'seed.jsonl';
const intents = new Set<string>([...commands.map((c) => c.id), ...CHAT_INTENTS]);

const toJsonl = (lines: readonly CorpusLine[]) =>
  lines.map((l) => JSON.stringify(l)).join('\n') + (lines.length ? '\n' : '');

function readLines(file: string): { lines: CorpusLine[]; problems: string[] } {
  const lines: CorpusLine[] = [];
  const problems: string[] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((raw, i) => {
      if (!raw.trim()) return;
      let parsed: unknown;
      try {
        parsed = JSON.parse(raw);
      } catch {
        problems.push(`${basename(file)}:${i + 1}: not JSON`);
        return;
      }
      const line = checkLine(parsed, intents);
      if (typeof line === 'string') problems.push(`${basename(file)}:${i + 1}: ${line}`);
      else lines.push(line);
    });
  return { lines, problems };
}

for (const file of process.argv.slice(2)) {
  const { lines, problems } = readLines(file);
  for (const p of problems) console.warn(p);
  writeFileSync(projectPath('fixtures/nlu/sources', basename(file)), toJsonl(lines));
  console.log(`${basename(file)}: ${lines.length} lines kept, ${problems.length} refused`);
}

// Seed first (its lines win a duplicate), then the other sources by name.
const names = readdirSync(SOURCES)
  .filter((n) => n.endsWith('.jsonl'))
  .sort((a, b) => (a === SEED ? -1 : b === SEED ? 1 : a.localeCompare(b)));
const kept: Array<CorpusLine & { seed: boolean; key: string; grams: Set<string> }> = [];
const exact = new Set<string>();
let duplicates = 0;
let near = 0;
for (const name of names) {
  for (const line of readLines(projectPath('fixtures/nlu/sources', name)).lines) {
    const key = sameLineKey(line.text);
    const id = `${line.role}|${key}`;
    if (exact.has(id)) {
      duplicates++;
      continue;
    }
    const grams = bigrams(key);
    const twin = kept.find((k) => k.intent === line.intent && nearlySame(k.grams, grams));
    if (twin) {
      near++;
      continue;
    }
    exact.add(id);
    kept.push({ ...line, seed: name === SEED, key, grams });
  }
}
// Same words, different intents: worth a look (a label may be wrong).
const byKey = new Map<string, Set<string>>();
for (const k of kept) byKey.set(k.key, (byKey.get(k.key) ?? new Set()).add(k.intent));
for (const [key, set] of byKey)
  if (set.size > 1) console.warn(`same text, different intents: ${key} → ${[...set].join(', ')}`);

const strip = ({ text, role, intent, slots }: CorpusLine): CorpusLine => ({ text, role, intent, slots });
const test = kept.filter((k) => !k.seed && isHeldOut(k.text)).map(strip);
const train = kept.filter((k) => k.seed || !isHeldOut(k.text)).map(strip);
writeFileSync(`${DIR}/train.jsonl`, toJsonl(train));
writeFileSync(`${DIR}/test.jsonl`, toJsonl(test));
console.log(
  `${kept.length} lines (${duplicates} exact and ${near} near duplicates dropped): train ${train.length}, held-out ${test.length}`,
);
