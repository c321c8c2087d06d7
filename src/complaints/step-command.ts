import { type Expectation, expects } from '../bot/answers.js';
import { type Audience, ask, type Command, defineCommand, ok, type ParseResult } from '../bot/command.js';
import type { BotContext } from '../bot/context.js';
import type { TicketRef } from '../domain/complaints/numbers.js';
import type { ComplaintHistoryEntry } from '../models/complaint.js';
import type { ComplaintDoc } from './changes.js';
import { findVisible, type StepRequest, takeStep, ticketNumberIn } from './steps.js';

/** What must follow a complaint's number, the question asking for it and the kind of reply that fits. */
export interface StepArgument {
  question: string;
  expects: Expectation;
}

export interface NumberedArgs extends TicketRef {
  /** What follows the number: the result, the reason, the target … ('' when the step needs nothing). */
  text: string;
}

/**
 * Reads 「<编号> <内容>」: asks for the number when there is none, and for the content when the step needs
 * one (`argument`), so 「办结」 alone becomes two questions rather than an error.
 */
export function parseNumbered(
  rest: string,
  now: Date,
  timeZone: string,
  trigger: string,
  argument: StepArgument | null,
): ParseResult<NumberedArgs> {
  const found = ticketNumberIn(rest, now, timeZone);
  if (!found) {
    return ask(
      'number',
      `请问是哪一件诉求？请写编号，例如「${trigger} 2026-0153」。`,
      expects('number', '2026-0153'),
    );
  }
  if (argument && !found.rest) return ask('text', argument.question, argument.expects);
  return ok({ number: found.number, lastYear: found.lastYear, text: found.rest });
}

/** What a step does: shared by typed commands and card buttons. */
export interface StepAction {
  /** The step to take on the complaint, with whatever the text says (looked up where needed). */
  request(ctx: BotContext, complaint: ComplaintDoc, text: string): Promise<StepRequest> | StepRequest;
  /** Anything further the step entails (following the original of a 重复). */
  after?(ctx: BotContext, complaint: ComplaintDoc, entry: ComplaintHistoryEntry): Promise<void>;
  /** The answer to the person who took it. */
  reply(complaint: ComplaintDoc, entry: ComplaintHistoryEntry, ctx: BotContext): string;
}

export interface StepCommandSpec extends StepAction {
  id: string;
  triggers: readonly string[];
  audience: Audience;
  summary: string;
  examples: readonly string[];
  /** What must follow the number, and the question asking for it; null when nothing must. */
  argument: StepArgument | null;
}

/** Takes the step on one complaint and answers the person. */
export async function runStep(ctx: BotContext, spec: StepAction, complaint: ComplaintDoc, text: string) {
  // The note goes to the other side (reporter or handler) in the writer's own characters.
  const request = await spec.request(ctx, complaint, ctx.ownWords(text));
  const taken = await takeStep(ctx, complaint._id, request);
  await spec.after?.(ctx, taken.complaint, taken.entry);
  await ctx.reply(spec.reply(taken.complaint, taken.entry, ctx));
}

/** What a step command declares to the registry, whatever it reads (every step writes). */
export const stepDeclaration = ({ id, triggers, audience, summary, examples }: StepCommandSpec) => ({
  id,
  triggers,
  audience,
  writes: true,
  summary,
  examples,
});

/** A command 「<trigger> <编号> [<内容>]」 that takes one lifecycle step. */
export function defineStepCommand(spec: StepCommandSpec): Command<NumberedArgs> {
  return defineCommand<NumberedArgs>({
    ...stepDeclaration(spec),
    parse: (rest, { now, timeZone }) => parseNumbered(rest, now, timeZone, spec.triggers[0]!, spec.argument),
    async handle(ctx, { text, ...ref }) {
      await runStep(ctx, spec, await findVisible(ctx, ref), text);
    },
  });
}
