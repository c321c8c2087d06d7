import type { Role } from '../domain/member-vocabulary.js';
import type { Expectation } from './answers.js';
import type { BotContext } from './context.js';

/** Who may use a command: anyone (also people we do not know), any registered member, or these roles. */
export type Audience = 'anyone' | 'registered' | readonly Role[];

export type ParseResult<A> =
  | { ok: true; args: A }
  /**
   * A required slot is missing: the bot asks `question` and reads a reply that fits `expects` as part of the
   * command (anything else is handled as what it is).
   */
  | { ok: false; missing: string; question: string; expects: Expectation }
  /** The text cannot be understood as this command: `reply` says why, with an example. */
  | { ok: false; error: string };

/** What a parser may know besides the text: the clock and the community's zone. Never the database. */
export interface ParseContext {
  now: Date;
  timeZone: string;
  /**
   * 'keyword' when the text is a free sentence understood by the intent model (it may be about something else,
   * so a command that acts at once can ask first); absent for triggers, menus and answers to the bot's question.
   */
  by?: 'keyword';
}

export interface Command<A = unknown> {
  /** Stable id, e.g. 'member.info'; menu keys and dialogue state refer to it. */
  id: string;
  /**
   * Words that start the command: 「我的信息 …」. Matched after normalisation, longest first. Free sentences
   * (「帮我查下党费」) reach it through the intent model, trained on fixtures/nlu/ (npm run nlu:train).
   */
  triggers: readonly string[];
  audience: Audience;
  /**
   * True when the command changes records (an activity, a complaint, a leave, a payment): a free sentence
   * reaches it only when the bot is sure, and otherwise is asked about first (src/bot/route.ts). A function
   * when only some sentences write (a question about remote study is answered, not recorded).
   */
  writes?: boolean | ((text: string) => boolean);
  /** One line for 帮助. */
  summary: string;
  /** Shown in 帮助 and checked at start-up: each must be understood as this command. */
  examples: readonly string[];
  /** Pure: text after the trigger (or the whole sentence when understood by the intent model) → args. */
  parse(rest: string, ctx: ParseContext): ParseResult<A>;
  handle(ctx: BotContext, args: A): Promise<void>;
  /**
   * Offered every photo the person sends; returns true when this command used it (e.g. as evidence for
   * an activity just recorded). Photos nobody takes are held for the next command.
   */
  onImage?(ctx: BotContext, image: { mediaId: string; msgId: string }): Promise<boolean>;
  /**
   * Offered every location message, the command waiting for an answer first; returns true when this command
   * used it (e.g. as the answer to 「在哪里？」). Locations nobody takes are held for the next command.
   */
  onLocation?(ctx: BotContext, location: SentLocation): Promise<boolean>;
  /**
   * A button pressed on a card this command sent. Buttons carry `cardKey(id, payload)` as their key,
   * so the press comes back here with the payload; the card is updated with `press.responseCode`.
   */
  onCardPress?(ctx: BotContext, press: CardPress): Promise<void>;
}

/** A location message: WeCom's label is the place's name or address (「北京市朝阳区幸福里社区5号楼」). */
export interface SentLocation {
  latitude: number;
  longitude: number;
  label: string;
  msgId: string;
}

export interface CardPress {
  /** What the button's key carried after the command id. */
  payload: string;
  taskId: string;
  /** Single use, 72 h: lets update_template_card replace the presser's copy of the card. */
  responseCode: string;
}

const CARD_KEY_SEPARATOR = '|';

/** A card button's key: routes the press back to command `commandId` with `payload`. */
export function cardKey(commandId: string, payload: string): string {
  return `${commandId}${CARD_KEY_SEPARATOR}${payload}`;
}

export function parseCardKey(key: string): { commandId: string; payload: string } | null {
  const at = key.indexOf(CARD_KEY_SEPARATOR);
  return at > 0 ? { commandId: key.slice(0, at), payload: key.slice(at + 1) } : null;
}

export const ok = <A>(args: A): ParseResult<A> => ({ ok: true, args });
export const ask = <A>(missing: string, question: string, expected: Expectation): ParseResult<A> => ({
  ok: false,
  missing,
  question,
  expects: expected,
});
export const invalid = <A>(error: string): ParseResult<A> => ({ ok: false, error });

/**
 * Identity function that keeps A inferred from parse → handle. The result is also a plain `Command` (handle is
 * declared as a method, so its argument is not checked contravariantly): feature lists need no cast.
 */
export function defineCommand<A>(command: Command<A>): Command<A> {
  return command;
}
