import type { Command } from './command.js';

export interface Match {
  command: Command;
  /** The text after the trigger, or the whole sentence when matched by keywords. */
  rest: string;
  by: 'trigger' | 'keyword';
}

export interface Registry {
  commands: readonly Command[];
  byId(id: string): Command | undefined;
  /** The command a (normalised) text asks for, among those `allowed`. */
  match(text: string, allowed?: (command: Command) => boolean): Match | null;
  /** Commands closest to a text nobody matched, best first, for 「您是想……吗？」. */
  suggest(text: string, allowed: (command: Command) => boolean, limit?: number): Command[];
}

export class RegistryError extends Error {
  constructor(problems: string[]) {
    super(`Command registry is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'RegistryError';
  }
}

const key = (word: string) => word.trim().toLowerCase();

/** Function words carry no topic: 「怎么样」 must not look like 「怎么用」. */
const FUNCTION_BIGRAMS = new Set([
  '怎么',
  '什么',
  '一下',
  '这个',
  '那个',
  '我们',
  '可以',
  '一个',
  '是不',
  '不是',
  '有没',
  '没有',
]);

/** Character bigrams: Chinese has no spaces, so overlap of bigrams is a fair "how close" measure. */
function bigrams(text: string): Set<string> {
  const chars = [...text.replace(/\s+/g, '')];
  const grams = new Set<string>();
  for (let i = 0; i < chars.length - 1; i++) {
    const gram = `${chars[i]}${chars[i + 1]}`;
    if (!FUNCTION_BIGRAMS.has(gram)) grams.add(gram);
  }
  if (chars.length === 1 && chars[0]) grams.add(chars[0]);
  return grams;
}

function similarity(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const g of a) if (b.has(g)) shared++;
  return shared === 0 ? 0 : shared / Math.min(a.size, b.size);
}

/**
 * Builds the registry and refuses to start on a malformed spec or a trigger two commands share,
 * so a collision is found at boot rather than by the first member who types it.
 */
export function buildRegistry(commands: readonly Command[]): Registry {
  const problems: string[] = [];
  const ids = new Map<string, Command>();
  const triggerOwner = new Map<string, string>();
  for (const command of commands) {
    if (!/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)*$/.test(command.id)) problems.push(`bad id "${command.id}"`);
    if (ids.has(command.id)) problems.push(`duplicate id "${command.id}"`);
    ids.set(command.id, command);
    if (command.triggers.length === 0) problems.push(`${command.id}: no triggers`);
    if (command.examples.length === 0) problems.push(`${command.id}: no examples`);
    if (!command.summary.trim()) problems.push(`${command.id}: no summary`);
    if (Array.isArray(command.audience) && command.audience.length === 0)
      problems.push(`${command.id}: empty audience`);
    for (const trigger of command.triggers) {
      const k = key(trigger);
      if (!k) problems.push(`${command.id}: empty trigger`);
      const owner = triggerOwner.get(k);
      if (owner && owner !== command.id)
        problems.push(`trigger "${trigger}" used by both ${owner} and ${command.id}`);
      triggerOwner.set(k, command.id);
    }
  }
  // Longest trigger first, so 「查成员」 is not taken for a shorter 「查」.
  const triggers = [...triggerOwner.entries()].sort((a, b) => b[0].length - a[0].length);

  const registry: Registry = {
    commands,
    byId: (id) => ids.get(id),
    match(text, allowed = () => true) {
      const lowered = key(text);
      for (const [trigger, id] of triggers) {
        const command = ids.get(id)!;
        if (lowered.startsWith(trigger) && allowed(command)) {
          return { command, rest: text.trim().slice(trigger.length).trim(), by: 'trigger' };
        }
      }
      let best: { command: Command; score: number } | null = null;
      let tie = false;
      for (const command of commands) {
        if (!allowed(command)) continue;
        const score = command.keywords
          .filter((k) => lowered.includes(key(k)))
          .reduce((sum, k) => sum + k.length, 0);
        if (score === 0) continue;
        if (!best || score > best.score) {
          best = { command, score };
          tie = false;
        } else if (score === best.score) {
          tie = true;
        }
      }
      return best && !tie ? { command: best.command, rest: text.trim(), by: 'keyword' } : null;
    },
    suggest(text, allowed, limit = 3) {
      const grams = bigrams(key(text));
      return commands
        .filter(allowed)
        .map((command) => {
          const words = [...command.triggers, ...command.keywords, ...command.examples];
          const score = Math.max(0, ...words.map((w) => similarity(grams, bigrams(key(w)))));
          return { command, score };
        })
        .filter((s) => s.score >= 0.34)
        .sort((a, b) => b.score - a.score)
        .slice(0, limit)
        .map((s) => s.command);
    },
  };

  for (const command of commands) {
    for (const example of command.examples) {
      const found = registry.match(example);
      if (found?.command.id !== command.id) {
        problems.push(`${command.id}: example "${example}" is matched as ${found?.command.id ?? 'nothing'}`);
      }
    }
  }
  if (problems.length > 0) throw new RegistryError(problems);
  return registry;
}
