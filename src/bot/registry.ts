import { CHAT_INTENTS } from '../nlu/corpus.js';
import { type IntentModel, loadIntentModel, type Scored, type Speaker } from '../nlu/index.js';
import type { Command } from './command.js';

export interface Match {
  command: Command;
  /** The text after the trigger. */
  rest: string;
  by: 'trigger';
}

export interface Registry {
  commands: readonly Command[];
  byId(id: string): Command | undefined;
  /** The command a (normalised) text names outright — it starts with a trigger — among those `allowed`. */
  match(text: string, allowed?: (command: Command) => boolean): Match | null;
  /**
   * What a free sentence most likely asks, best first: command ids among those `allowed`, and the chat intents
   * (chat.greeting, chat.thanks, none), with probabilities over just those.
   */
  rank(text: string, speaker: Speaker, allowed?: (command: Command) => boolean): Scored[];
}

export class RegistryError extends Error {
  constructor(problems: string[]) {
    super(`Command registry is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'RegistryError';
  }
}

const key = (word: string) => word.trim().toLowerCase();

/** Who would write a command's example: the narrowest audience it has. */
function exampleSpeaker(command: Command): Speaker {
  if (command.audience === 'anyone') return 'resident';
  if (command.audience === 'registered') return 'member';
  return command.audience.includes('grid_leader') ? 'grid_leader' : 'officer';
}

/**
 * Builds the registry and refuses to start on a malformed spec, a trigger two commands share, a command the
 * intent model has never seen, or an example that would not reach its own command — so a collision is found
 * at boot rather than by the first member who types it.
 */
export function buildRegistry(
  commands: readonly Command[],
  model: IntentModel = loadIntentModel(),
): Registry {
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
    if (!model.has(command.id))
      problems.push(`${command.id}: not in the intent model (add corpus lines, npm run nlu:train)`);
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
  const chat = new Set<string>(CHAT_INTENTS);

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
      return null;
    },
    rank(text, speaker, allowed = () => true) {
      return model.rank(text, speaker, (intent) => {
        if (chat.has(intent)) return true;
        const command = ids.get(intent);
        return command !== undefined && allowed(command);
      });
    },
  };

  for (const command of commands) {
    for (const example of command.examples) {
      const found =
        registry.match(example)?.command.id ?? registry.rank(example, exampleSpeaker(command))[0]?.intent;
      if (found !== command.id) {
        problems.push(`${command.id}: example "${example}" is understood as ${found ?? 'nothing'}`);
      }
    }
  }
  if (problems.length > 0) throw new RegistryError(problems);
  return registry;
}
