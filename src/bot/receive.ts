import { normaliseText } from '../domain/text/normalise.js';
import type { InboundEvent, InboundMessage } from '../wecom/inbound.js';
import { expects } from './answers.js';
import { bindingStep, offerBinding } from './binding.js';
import { type Command, parseCardKey } from './command.js';
import { placeStranger } from './community-choice.js';
import { type BotContext, type BotServices, createContext, replyAs } from './context.js';
import { heldLocation } from './held-media.js';
import { menuCommandId } from './menu.js';
import { offerOrder } from './offer-order.js';
import { replyToFollowUp, replyToPending } from './pending-reply.js';
import { mayUse } from './permissions.js';
import {
  chatReply,
  didYouMean,
  guessQuestion,
  notRegistered,
  offerWords,
  REPLY,
  welcome,
} from './replies.js';
import { route, speakerOf } from './route.js';
import { isTransient } from './transient.js';
import { UserError } from './user-error.js';

const CANCEL = /^(取消|算了|不要了|退出)$/;

/** Which try of the message this is: the queue retries a transient failure until the last attempt. */
export interface Attempt {
  last: boolean;
}

/**
 * Handles one inbound message: who is speaking → which command → parse (pure) → handle. A UserError
 * becomes its short reply. A transient failure (database, Redis or WeCom away) is thrown so the queue
 * tries the message again — every write is keyed by the message, so a retry neither records nor answers
 * twice; the person hears nothing until it succeeds, or on the last attempt that it was not done. Anything
 * else is a bug: logged once, and the person gets a polite generic answer.
 */
export async function receive(
  services: BotServices,
  message: InboundMessage,
  attempt: Attempt = { last: true },
): Promise<void> {
  if (message.fromUser === '' || message.fromUser === 'sys') return;
  let ctx: BotContext | undefined;
  try {
    const sender = await services.senders.resolve(message.fromUser, message.kf?.openKfId);
    const placed = await placeStranger(services, message, sender);
    // Asked which community the person lives in: the message is handled with their answer.
    if (!placed) return;
    ctx = createContext(services, placed.message, placed.sender);
    await dispatch(ctx);
  } catch (error) {
    if (ctx && error instanceof UserError) {
      ctx.log.info({ reply: error.reply }, 'user error');
      await ctx.reply(error.reply);
      return;
    }
    if (isTransient(error)) {
      // Thrown on: the worker logs the attempt, and the last one as failed for good.
      if (attempt.last) await replyAs(services, message, 'failed', REPLY.notDone);
      throw error;
    }
    (ctx?.log ?? services.log.child({ dedupeKey: message.dedupeKey })).error(
      { err: error },
      'handling the message failed',
    );
    await replyAs(services, message, 'failed', REPLY.failure);
  }
}

async function dispatch(ctx: BotContext): Promise<void> {
  const { message } = ctx;
  switch (message.kind) {
    case 'text':
      return onText(ctx, normaliseText(message.content));
    case 'voice':
      return ctx.reply(REPLY.voice);
    case 'image':
      if (await offer(ctx, (command) => command.onImage?.(ctx, message))) return;
      await ctx.services.held.hold(message.fromUser, {
        kind: 'image',
        mediaId: message.mediaId,
        msgId: message.msgId,
        at: ctx.now.toISOString(),
      });
      return ctx.reply(REPLY.imageHeld);
    case 'location':
      if (await offer(ctx, (command) => command.onLocation?.(ctx, message))) return;
      await ctx.services.held.hold(message.fromUser, heldLocation(message, ctx.now));
      return ctx.reply(REPLY.locationHeld);
    case 'event':
      return onEvent(ctx, message);
    default:
      return ctx.reply(REPLY.unsupported);
  }
}

/** Offers a photo or location to each command this person may use until one takes it (true). */
async function offer(
  ctx: BotContext,
  take: (command: Command) => Promise<boolean> | undefined,
): Promise<boolean> {
  const waiting = await ctx.services.dialogues.get(ctx.message.fromUser);
  for (const command of offerOrder(ctx.services.registry.commands, waiting?.commandId)) {
    if (mayUse(command, ctx.sender) && (await take(command))) return true;
  }
  return false;
}

async function onEvent(ctx: BotContext, event: InboundEvent): Promise<void> {
  if (event.event === 'subscribe') {
    const help = ctx.services.registry.byId('help');
    if (help) await runCommand(ctx, help, '', (text) => welcome(text));
    return;
  }
  if (event.event === 'click' && 'eventKey' in event) {
    const command = ctx.services.registry.byId(menuCommandId(event.eventKey) ?? '');
    if (command) return startCommand(ctx, command, '');
    ctx.log.warn({ eventKey: event.eventKey }, 'menu key without a command');
    return;
  }
  if (event.event === 'template_card_event' && 'taskId' in event) {
    const key = parseCardKey(event.eventKey);
    const command = key && ctx.services.registry.byId(key.commandId);
    if (!key || !command?.onCardPress) {
      ctx.log.warn({ eventKey: event.eventKey }, 'card button without a command');
      return;
    }
    if (!mayUse(command, ctx.sender)) return refuse(ctx);
    return command.onCardPress(ctx, {
      payload: key.payload,
      taskId: event.taskId,
      responseCode: event.responseCode,
    });
  }
  // Opening the app, automatic location reports and the like need no answer.
  ctx.log.debug({ event: event.event }, 'event needs no reply');
}

/** Marks a pending dialogue that is the bot's yes/no question about its guess, not a command's own question. */
const GUESS = 'guess';
const YES = /^(是|是的|是啊|对|对的|对啊|对对|嗯|嗯嗯|好|好的|行|可以|没错|要)[。.!！~～]*$/;
const NO = /^(不是|不对|不|没有|不要|错了|否)[。.!！~～]*$/;

async function onText(ctx: BotContext, text: string): Promise<void> {
  const { registry, dialogues } = ctx.services;
  const userId = ctx.message.fromUser;
  if (CANCEL.test(text)) {
    const [question, confirmation] = await Promise.all([
      dialogues.clear(userId),
      ctx.services.confirmations.clear(userId),
    ]);
    return ctx.reply(question || confirmation ? REPLY.cancelled : REPLY.nothingToCancel);
  }
  // Someone we do not know answering with a name and the phone's last four digits binds their roster row.
  if (await bindingStep(ctx, text)) return;
  const allowed = (command: Command) => mayUse(command, ctx.sender);
  let pending = await dialogues.get(userId);
  ctx.said = pending?.said ?? '';
  if (pending?.missing === GUESS) {
    // The answer to 「您是想……吗？」: 是 runs the guess on the sentence as first written; anything else is new.
    await dialogues.clear(userId);
    const guessed = registry.byId(pending.commandId);
    if (guessed && allowed(guessed) && YES.test(text)) return runCommand(ctx, guessed, pending.text);
    if (NO.test(text)) return ctx.reply(unclear(ctx, []));
    pending = null;
  }

  const asker = { speaker: speakerOf(ctx.sender.kind === 'member' ? ctx.sender.roles : null), allowed };
  const decision = route(registry, text, asker);
  const request = decision.kind === 'run' ? decision : null;
  const run = (command: Command, rest: string, by?: 'keyword') =>
    runCommand(ctx, command, rest, undefined, by);
  // A reply to the bot's question, unless the person starts another command outright.
  if (pending && request?.by !== 'trigger') {
    if (await replyToPending(ctx, pending, text, request, run)) return;
  }
  // Else the first message after the bot asked about a complaint (「请您评价」) may be about that complaint.
  const followUp = pending ? null : await ctx.services.followUps.take(userId);
  if (followUp && (await replyToFollowUp(ctx, followUp, text, request, run))) return;
  switch (decision.kind) {
    case 'run':
      return startCommand(ctx, decision.command, decision.rest, decision.by);
    case 'confirm': {
      const question = guessQuestion(decision.command.summary);
      await dialogues.set(userId, {
        commandId: decision.command.id,
        text: decision.text,
        missing: GUESS,
        question,
        expects: expects('yes-no', '是'),
      });
      return ctx.reply(question);
    }
    case 'chat':
      return ctx.reply(chatReply(decision.intent, ctx.sender, offers(ctx)));
    case 'unclear':
      return ctx.reply(unclear(ctx, decision.suggestions));
    case 'refuse':
      return refuse(ctx);
  }
}

/** What this person can do, in a few words, for greetings and thanks. */
function offers(ctx: BotContext): string[] {
  return offerWords(ctx.services.registry.commands.filter((c) => mayUse(c, ctx.sender)).map((c) => c.id));
}

/** 「没太明白」 with the two likeliest commands, each with an example; residents hear how to report a problem. */
function unclear(ctx: BotContext, suggestions: readonly Command[]): string {
  if (ctx.sender.kind !== 'member' && suggestions.length === 0) return REPLY.residentUnclear;
  return didYouMean(
    suggestions.map((c) => ({ summary: c.summary, example: c.examples[0] ?? c.triggers[0] ?? '' })),
  );
}

/**
 * Members hear that the command is not theirs; people we do not know are asked to bind their roster row when
 * there are rows to bind, else told whom to ask to be registered.
 */
async function refuse(ctx: BotContext): Promise<void> {
  if (ctx.sender.kind === 'member') return ctx.reply(REPLY.notAllowed);
  if (ctx.sender.kind === 'resident') return ctx.reply(REPLY.resident);
  if (await offerBinding(ctx)) return;
  return ctx.reply(notRegistered(ctx.sender.community?.contactText ?? '请联系所在支部书记登记'));
}

/** A fresh command: any earlier unanswered question is dropped. */
async function startCommand(
  ctx: BotContext,
  command: Command,
  rest: string,
  by?: 'trigger' | 'keyword',
): Promise<void> {
  if (!mayUse(command, ctx.sender)) return refuse(ctx);
  return runCommand(ctx, command, rest, undefined, by);
}

async function runCommand(
  ctx: BotContext,
  command: Command,
  text: string,
  wrap?: (reply: string) => string,
  by?: 'trigger' | 'keyword',
): Promise<void> {
  const userId = ctx.message.fromUser;
  const parsed = command.parse(text, {
    now: ctx.now,
    timeZone: ctx.timeZone,
    ...(by === 'keyword' ? { by } : {}),
  });
  if (parsed.ok) {
    await ctx.services.dialogues.clear(userId);
    const reply = ctx.reply;
    await command.handle(wrap ? { ...ctx, reply: (t) => reply(wrap(t)) } : ctx, parsed.args);
    return;
  }
  if ('missing' in parsed) {
    const { missing, question, expects } = parsed;
    const said = ctx.ownWords(text);
    await ctx.services.dialogues.set(userId, {
      commandId: command.id,
      text,
      missing,
      question,
      expects,
      said,
    });
    return ctx.reply(`${parsed.question}\n${REPLY.cancelHint}`);
  }
  await ctx.services.dialogues.clear(userId);
  return ctx.reply(parsed.error);
}
