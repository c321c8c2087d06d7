/**
 * `npm run nlu:eval`: the intent engine on the held-out split (fixtures/nlu/test.jsonl, never trained on).
 * `-- --split train` reads the training split instead (the slot parsers are rules, so it is their development
 * set); `-- --file <path>` any labelled JSON Lines file (e.g. a fresh probe written outside the corpus);
 * `-- --slot-misses` lists every line whose slots are not all right, with what was expected and read.
 * Prints, for the model alone and for the bot's own routing (registry + triggers + role + confidence rule):
 * accuracy and precision/recall per intent, the confusions, slot accuracy per slot (each command's own parse
 * at the corpus's reference instant), and the cost: load time, memory added, ms per message.
 */
import { readFileSync } from 'node:fs';
import type { Command } from '../src/bot/command.js';
import { buildRegistry } from '../src/bot/registry.js';
import { type Asker, type Route, route, speakerOf } from '../src/bot/route.js';
import { commands } from '../src/commands/index.js';
import type { Role } from '../src/domain/member-vocabulary.js';
import { normaliseText } from '../src/domain/text/normalise.js';
import type { CorpusLine } from '../src/nlu/corpus.js';
import { loadIntentModel, type Speaker } from '../src/nlu/index.js';
import { compareSlots, type Slots, specSlots } from '../src/nlu/slots-check.js';
import { projectPath } from '../src/paths.js';

/** The corpus's reference instant: Wednesday 2026-11-18 10:00 in Shanghai. */
const NOW = new Date('2026-11-18T10:00:00+08:00');
const TIME_ZONE = 'Asia/Shanghai';

const gc = (globalThis as { gc?: () => void }).gc;
const heap = () => {
  gc?.();
  return process.memoryUsage();
};
const before = heap();
const loadStarted = performance.now();
const model = loadIntentModel();
const loadMs = performance.now() - loadStarted;
const registry = buildRegistry(commands, model);
const after = heap();

const argValue = (flag: string) => {
  const i = process.argv.indexOf(flag);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const split = argValue('--split') ?? 'test';
if (split !== 'test' && split !== 'train') throw new Error(`--split is test or train, not ${split}`);
const fileArg = process.argv.includes('--file')
  ? argValue('--file')
  : projectPath(`fixtures/nlu/${split}.jsonl`);
if (!fileArg) throw new Error('--file needs a path to a JSON Lines file');
const lines = readFileSync(fileArg, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as CorpusLine);

/** A person of each corpus role, as the bot would see them. */
const ROLES: Record<Speaker, readonly Role[] | null> = {
  resident: null,
  member: ['member'],
  grid_leader: ['member', 'grid_leader'],
  officer: ['member', 'secretary'],
};
function askerFor(speaker: Speaker): Asker {
  const roles = ROLES[speaker];
  return {
    speaker: speakerOf(roles),
    allowed: (c: Command) =>
      c.audience === 'anyone' ||
      (roles !== null && (c.audience === 'registered' || c.audience.some((r) => roles.includes(r)))),
  };
}

/** What the bot did, as an intent: the command it ran or asked about, chat, none (unclear) or refused. */
function outcome(r: Route): { intent: string; asked: boolean } {
  switch (r.kind) {
    case 'run':
      return { intent: r.command.id, asked: false };
    case 'confirm':
      return { intent: r.command.id, asked: true };
    case 'chat':
      return { intent: r.intent, asked: false };
    case 'unclear':
      return { intent: 'none', asked: false };
    case 'refuse':
      return { intent: 'refused', asked: false };
  }
}

/** The labelled slots this command's own parse reads right and wrong on the text (per slot; extras are wrong). */
function slotResults(line: CorpusLine): {
  ok: boolean;
  got: Slots;
  slots: Array<{ slot: string; ok: boolean }>;
} {
  const command = registry.byId(line.intent);
  if (!command) return { ok: true, got: {}, slots: [] };
  const text = normaliseText(line.text);
  const named = registry.match(text);
  const rest = named?.command.id === line.intent ? named.rest : text;
  let args: unknown = null;
  try {
    const result = command.parse(rest, {
      now: NOW,
      timeZone: TIME_ZONE,
      ...(named ? {} : { by: 'keyword' as const }),
    });
    if (result.ok) args = result.args;
  } catch {
    args = null;
  }
  const got = specSlots(line.intent, args);
  const compared = compareSlots(line.slots as Slots, got);
  return {
    ok: compared.ok,
    got,
    slots: [
      ...compared.right.map((slot) => ({ slot, ok: true })),
      ...compared.wrong.map((slot) => ({ slot, ok: false })),
      ...compared.extra.map((slot) => ({ slot: `${slot} (not said)`, ok: false })),
    ],
  };
}

interface Tally {
  total: number;
  right: number;
  predicted: number;
}
const pct = (a: number, b: number) => (b === 0 ? '   -  ' : `${((100 * a) / b).toFixed(1).padStart(5)}%`);

function report(title: string, guesses: string[]) {
  const per = new Map<string, Tally>();
  const confusions = new Map<string, number>();
  const tally = (k: string) => per.get(k) ?? per.set(k, { total: 0, right: 0, predicted: 0 }).get(k)!;
  lines.forEach((line, i) => {
    const guess = guesses[i]!;
    tally(line.intent).total++;
    tally(guess).predicted++;
    if (guess === line.intent) tally(line.intent).right++;
    else confusions.set(`${line.intent} → ${guess}`, (confusions.get(`${line.intent} → ${guess}`) ?? 0) + 1);
  });
  const right = [...per.values()].reduce((s, t) => s + t.right, 0);
  console.log(
    `\n== ${title} [${split} split]: intent ${pct(right, lines.length)} (${right}/${lines.length})`,
  );
  console.log('intent                     lines  recall  precision');
  for (const [intent, t] of [...per].sort()) {
    if (t.total === 0) continue;
    console.log(
      `${intent.padEnd(26)} ${String(t.total).padStart(5)}  ${pct(t.right, t.total)}  ${pct(t.right, t.predicted)}`,
    );
  }
  const worst = [...confusions].sort((a, b) => b[1] - a[1]);
  console.log(`confusions (label → guess), the ten worst of ${worst.length}:`);
  for (const [pair, n] of worst.slice(0, 10)) console.log(`  ${String(n).padStart(3)}  ${pair}`);
  return right / lines.length;
}

// The model alone, over the intents each role may use.
const modelGuesses = lines.map((l) => {
  const asker = askerFor(l.role);
  return registry.rank(l.text, asker.speaker, asker.allowed)[0]?.intent ?? 'none';
});
report('model (top intent among what the role may use)', modelGuesses);

// The bot's routing, timed (after one warm-up pass).
for (const l of lines) route(registry, normaliseText(l.text), askerFor(l.role));
const times: number[] = [];
const routed = lines.map((l) => {
  const asker = askerFor(l.role);
  const started = performance.now();
  const r = route(registry, normaliseText(l.text), asker);
  times.push(performance.now() - started);
  return outcome(r);
});
if (process.argv.includes('--wrong')) {
  console.log('\nlines the bot routes wrongly:');
  routed.forEach((r, i) => {
    const l = lines[i]!;
    if (r.intent !== l.intent)
      console.log(`  ${l.intent} → ${r.intent}${r.asked ? '?' : ''}  [${l.role}] ${l.text}`);
  });
}
const botAccuracy = report(
  'bot routing (triggers, role, confidence rule; a yes/no question counts as its guess)',
  routed.map((r) => r.intent),
);
const asked = routed.filter((r) => r.asked);
const askedRight = routed.filter((r, i) => r.asked && r.intent === lines[i]!.intent).length;
console.log(`yes/no questions asked: ${asked.length} (${askedRight} naming the right command)`);
const writes = (c: Command | undefined, text: string) =>
  typeof c?.writes === 'function' ? c.writes(normaliseText(text)) : c?.writes === true;
const wrongWrites = routed.filter(
  (r, i) => !r.asked && r.intent !== lines[i]!.intent && writes(registry.byId(r.intent), lines[i]!.text),
);
console.log(`wrong commands that would have written at once: ${wrongWrites.length}`);

// Slots, by each command's own parse.
const perSlot = new Map<string, { n: number; ok: number }>();
let slotLines = 0;
let slotLinesRight = 0;
let bothRight = 0;
const slotMisses: string[] = [];
lines.forEach((line, i) => {
  const { ok: slotsRight, got, slots: results } = slotResults(line);
  if (Object.keys(line.slots).length > 0) {
    slotLines++;
    if (slotsRight) slotLinesRight++;
  }
  if (!slotsRight)
    slotMisses.push(`  ${line.intent}  ${JSON.stringify(line.slots)} ≠ ${JSON.stringify(got)}  ${line.text}`);
  for (const r of results) {
    const key = `${line.intent} ${r.slot}`;
    const t = perSlot.get(key) ?? { n: 0, ok: 0 };
    t.n++;
    if (r.ok) t.ok++;
    perSlot.set(key, t);
  }
  if (routed[i]!.intent === line.intent && slotsRight) bothRight++;
});
console.log(
  `\n== slots: lines with labelled slots all right ${pct(slotLinesRight, slotLines)} (${slotLinesRight}/${slotLines})`,
);
for (const [key, t] of [...perSlot].sort())
  console.log(`  ${key.padEnd(34)} ${String(t.n).padStart(4)}  ${pct(t.ok, t.n)}`);
if (process.argv.includes('--slot-misses')) {
  console.log(`\nlines whose slots are not all right (expected ≠ read), ${slotMisses.length}:`);
  for (const miss of slotMisses.sort()) console.log(miss);
}
console.log(
  `\n== intent and slots both right, through the bot's routing: ${pct(bothRight, lines.length)} (bot intent ${(100 * botAccuracy).toFixed(1)}%)`,
);

const sorted = [...times].sort((a, b) => a - b);
const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
console.log('\n== cost');
console.log(
  `load ${loadMs.toFixed(0)} ms; memory added ${((after.rss - before.rss) / 1e6).toFixed(1)} MB rss, ${((after.heapUsed - before.heapUsed) / 1e6).toFixed(1)} MB heap${gc ? '' : ' (run with --expose-gc for exact figures)'}`,
);
console.log(
  `per message: median ${at(0.5).toFixed(3)} ms, p99 ${at(0.99).toFixed(3)} ms (${lines.length} messages)`,
);
console.log(
  `corpus: ${model.artifact.trainedOn.lines} training lines, ${lines.length} held out; ${model.artifact.trainedOn.features} features`,
);
