import type { Role } from '../domain/member-vocabulary.js';
import { namesNothing, type Scored, type Speaker } from '../nlu/index.js';
import type { Command } from './command.js';
import type { Registry } from './registry.js';

/**
 * How sure the bot must be before it acts on a free sentence. A command that writes (records an activity, files
 * a complaint, asks leave …) acts only when sure; a little less sure, the bot asks one yes/no question naming its
 * guess; below that it shows the two likeliest commands. Reading something back is harmless, so it acts sooner.
 */
export const THRESHOLDS = {
  writes: { act: 0.55, ask: 0.2 },
  reads: { act: 0.3, ask: 0.15 },
  /** A greeting or thanks is answered as one when at least this likely. */
  chat: 0.4,
  /**
   * A command this person may not use, this likely, is refused rather than re-read as something else. At 0.75 a
   * member asking about themself (「我是哪个党小组的」) was refused as if asking about another member (查成员).
   */
  notTheirs: 0.9,
  /**
   * A trigger run on into a sentence yields to another command this likely (「导出本季度的学习考勤」): on the
   * held-out split 0.5 routes more lines right than 0.75 and none wrong that were right.
   */
  outvotesTrigger: 0.5,
  /**
   * … or to another command this many times likelier than the trigger's own (「党费交纳登记表导一份Excel」): on the
   * held-out split 2 to 10 route the same two lines more right and none wrong, on the probes and the training split too.
   */
  dwarfsTrigger: 4,
  /**
   * A trigger set apart yields only to a command this likely: on the held-out and training splits 0.8–0.95 route
   * seven lines more right (导出 after a topic, an officer's payment after 党费) and none wrong.
   */
  outvotesSetApart: 0.9,
} as const;

/** What the bot does with a text message. */
export type Route =
  | { kind: 'run'; command: Command; rest: string; by: 'trigger' | 'keyword' }
  | { kind: 'confirm'; command: Command; text: string }
  | { kind: 'chat'; intent: 'chat.greeting' | 'chat.thanks' }
  | { kind: 'unclear'; suggestions: Command[] }
  | { kind: 'refuse' };

/** The person as the router sees them: who they are for the model, and what they may use. */
export interface Asker {
  speaker: Speaker;
  allowed(command: Command): boolean;
}

/** Who the bot counts as an officer: they speak like one, and work from long lists. */
export const OFFICER_ROLES: readonly Role[] = [
  'secretary',
  'deputy_secretary',
  'organiser',
  'staff',
  'admin',
  'street',
];

/** Residents are people not on the roster; officers are anyone with a branch or community role. */
export function speakerOf(roles: readonly Role[] | null): Speaker {
  if (roles === null) return 'resident';
  if (roles.some((r) => OFFICER_ROLES.includes(r))) return 'officer';
  if (roles.includes('grid_leader')) return 'grid_leader';
  return 'member';
}

/** The decision on a ranked guess (pure): act, ask, or show what it might have been. */
export function decide(
  ranked: readonly Scored[],
  commandOf: (id: string) => Command | undefined,
  text = '',
): Exclude<Route, { kind: 'refuse' }> | { kind: 'guess'; command: Command; confident: boolean } {
  const suggestions = ranked
    .map((s) => commandOf(s.intent))
    .filter((c): c is Command => c !== undefined && c.id !== 'help')
    .slice(0, 2);
  const top = ranked[0];
  if (!top) return { kind: 'unclear', suggestions };
  if (top.intent === 'chat.greeting' || top.intent === 'chat.thanks') {
    return top.p >= THRESHOLDS.chat ? { kind: 'chat', intent: top.intent } : { kind: 'unclear', suggestions };
  }
  const command = commandOf(top.intent);
  if (!command) return { kind: 'unclear', suggestions };
  const writes = typeof command.writes === 'function' ? command.writes(text) : command.writes;
  const bar = writes ? THRESHOLDS.writes : THRESHOLDS.reads;
  if (top.p >= bar.act) return { kind: 'guess', command, confident: true };
  if (top.p >= bar.ask) return { kind: 'guess', command, confident: false };
  return { kind: 'unclear', suggestions };
}

/**
 * A trigger run on into the sentence's words (「党费收缴率多少了」, 「学习日定在每月15号」) may be just a word of a
 * sentence asking for something else; a trigger set apart (「党费 本月」), followed by a number, or alone is a command.
 */
function gluedInSentence(text: string, rest: string): boolean {
  const t = text.trim();
  return /^\p{Script=Han}/u.test(rest) && !/[\s，,:：]/.test(t.charAt(t.length - rest.length - 1));
}

/**
 * A trigger gives way to the model's reading of the whole sentence: when run on into the words and outvoted, or,
 * set apart but followed by more words, when the model is all but certain of another command (「学习考勤 导出
 * excel」, 「党费 沈美华 21元」 from an officer). A trigger alone or followed by a number always runs.
 */
function yields(text: string, rest: string, ranked: readonly Scored[], id: string): boolean {
  if (gluedInSentence(text, rest)) return outvoted(ranked, id);
  const top = ranked[0];
  return (
    /\p{Script=Han}/u.test(rest) &&
    top !== undefined &&
    top.intent !== id &&
    top.p >= THRESHOLDS.outvotesSetApart
  );
}

/**
 * The model reads the sentence as another command than the trigger's: sure of it, or finding it far likelier than
 * the trigger's own (「党费那个曲线图发一下」: a chart, the 党费 command itself hardly possible).
 */
function outvoted(ranked: readonly Scored[], id: string): boolean {
  const top = ranked[0];
  if (!top || top.intent === id) return false;
  const own = ranked.find((s) => s.intent === id)?.p ?? 0;
  return top.p >= THRESHOLDS.outvotesTrigger || top.p >= THRESHOLDS.dwarfsTrigger * own;
}

/**
 * Which command a (normalised) text asks for: a trigger at its start wins; otherwise the intent model, over the
 * commands this person may use, under the confidence rule above. Used by the bot and by `npm run nlu:eval`.
 */
export function route(registry: Registry, text: string, asker: Asker): Route {
  // A command named outright (unless its trigger is only a word of a sentence the model reads as another) that this person may not use is refused, not re-read as something else.
  const named = registry.match(text);
  if (named && !asker.allowed(named.command)) return { kind: 'refuse' };
  if (!named && namesNothing(text)) return { kind: 'unclear', suggestions: [] };
  const ranked = registry.rank(text, asker.speaker, asker.allowed);
  if (named && !yields(text, named.rest, ranked, named.command.id)) {
    return { kind: 'run', command: named.command, rest: named.rest, by: 'trigger' };
  }

  // A member asking what only officers may do (「哪些人党费还没交」) hears so, rather than a doubtful answer to
  // something else: the sentence is read as an officer's too. Residents are not: whatever they write is heard as
  // about a problem (every intent a resident has is open to them).
  const own = registry.rank(text, asker.speaker)[0];
  const ownCommand = own && registry.byId(own.intent);
  const sureAndTheirs = own && own.p >= THRESHOLDS.notTheirs && (!ownCommand || asker.allowed(ownCommand));
  if (asker.speaker !== 'resident' && !sureAndTheirs) {
    const wider = registry.rank(text, 'officer')[0];
    const theirs = wider && registry.byId(wider.intent);
    if (theirs && !asker.allowed(theirs) && wider.p >= THRESHOLDS.notTheirs) return { kind: 'refuse' };
  }
  const decision = decide(ranked, registry.byId, text);
  if (decision.kind !== 'guess') return decision;
  return decision.confident
    ? { kind: 'run', command: decision.command, rest: text.trim(), by: 'keyword' }
    : { kind: 'confirm', command: decision.command, text: text.trim() };
}
