import { type Expectation, explainQuestion, judgeAnswer } from './answers.js';
import type { Command } from './command.js';
import type { BotContext } from './context.js';
import type { PendingDialogue } from './dialogue.js';
import type { FollowUp } from './follow-up.js';
import { mayUse } from './permissions.js';
import { REPLY } from './replies.js';

/** Runs `command` on `text` (an answer appended to the text so far, or a request of its own). */
export type RunCommand = (command: Command, text: string, by?: 'keyword') => Promise<void>;

/** A message that reads as a request of its own: the command it asks for and the words for it. */
export interface Request {
  command: Command;
  rest: string;
  by: 'trigger' | 'keyword';
}

/** Kinds whose replies can be any words, so a request for another command is not taken for one. */
const LOOSE = new Set<Expectation['kind']>(['place']);

/** Questions from before answers declared their kind take any reply, as they did. */
const ANY_REPLY: Expectation = { kind: 'text', example: '' };

/** Markers commands put on the text so far, left out when the person is reminded of it. */
const MARKERS = /#[^#\s]+#|\s*[\u4e00-\u9fa5]{1,6}：$/g;

/**
 * A message while the bot waits for an answer. A reply that fits the question answers it; a counter-question
 * (「啥意思」) gets the question explained; a request of its own — another command, or a complete new request
 * for the same one — is handled as such, and the waiting question is asked again afterwards (a yes-or-no
 * question about the same command is superseded instead). Returns false when the message is not for the
 * question at all, so the engine reads it as usual.
 */
export async function replyToPending(
  ctx: BotContext,
  pending: PendingDialogue,
  text: string,
  match: Request | null,
  run: RunCommand,
): Promise<boolean> {
  const { dialogues, registry } = ctx.services;
  const userId = ctx.message.fromUser;
  const command = registry.byId(pending.commandId);
  if (!command || !mayUse(command, ctx.sender)) return false;
  const expected = pending.expects ?? ANY_REPLY;
  const verdict = judgeAnswer(expected, text, ctx.now, ctx.timeZone);

  if (verdict === 'counter') {
    await dialogues.set(userId, pending);
    await ctx.reply(explainQuestion(pending.question, expected));
    return true;
  }
  const elsewhere = match !== null && match.command.id !== command.id;
  if (verdict === 'answer' && !(elsewhere && LOOSE.has(expected.kind))) {
    await run(command, `${pending.text} ${text}`.trim());
    return true;
  }

  const alone = !match && command.parse(text, { now: ctx.now, timeZone: ctx.timeZone }).ok;
  if (!match && !alone) {
    await dialogues.set(userId, pending);
    await ctx.reply(explainQuestion(pending.question, expected));
    return true;
  }
  if (match && elsewhere) {
    await run(match.command, match.rest, match.by === 'keyword' ? 'keyword' : undefined);
  } else {
    // In a conversation about this command already, a sentence for it needs no 「您是要……吗？」 first.
    await run(command, match?.rest ?? text);
    if (expected.kind === 'yes-no') return true;
  }
  if (await dialogues.get(userId)) return true;
  await dialogues.set(userId, pending);
  const about = pending.text.replace(MARKERS, '').trim();
  await ctx.reply(
    `${about ? `刚才那条「${about}」还没办完：` : '刚才的问题还没答：'}${pending.question}\n${REPLY.cancelHint}`,
  );
  return true;
}

/** 「complaint.rate」 → 「complaint」: a request in the same feature as a follow-up is about the same thing. */
const featureOf = (commandId: string) => commandId.split('.')[0];

/**
 * The next message after the bot asked about something outside a conversation (「请您评价」, the handler's
 * question about a complaint): when it fits, it runs the follow-up's command on that thing. A command named
 * outright, or a request for something else altogether, is left to the engine (false).
 */
export async function replyToFollowUp(
  ctx: BotContext,
  followUp: FollowUp,
  text: string,
  request: Request | null,
  run: RunCommand,
): Promise<boolean> {
  const command = ctx.services.registry.byId(followUp.commandId);
  if (!command || !mayUse(command, ctx.sender) || request?.by === 'trigger') return false;
  if (request && featureOf(request.command.id) !== featureOf(command.id)) return false;
  if (judgeAnswer(followUp.expects, text, ctx.now, ctx.timeZone) !== 'answer') return false;
  await run(command, `${followUp.prefix} ${text}`);
  return true;
}
