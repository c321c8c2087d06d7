import type { Types } from 'mongoose';
import type { BotContext } from '../bot/context.js';
import { UserError } from '../bot/user-error.js';
import { isOpen, nextState, refusal, type Step } from '../domain/complaints/lifecycle.js';
import { findTicketNumber, type TicketRef } from '../domain/complaints/numbers.js';
import { withoutPhones } from '../domain/complaints/phones.js';
import { clockChanges } from '../domain/complaints/sla.js';
import { currentYearMonth } from '../domain/text/index.js';
import type { Complaint, ComplaintHistoryEntry, ComplaintPhoto } from '../models/complaint.js';
import { actorsOf, mayView } from './access.js';
import { applyChange, type ComplaintDoc, entryAt } from './changes.js';
import { afterStep } from './notify.js';
import { communityOf } from './reporter.js';
import { slaOf } from './timers.js';

export interface StepRequest {
  step: Step | ((complaint: ComplaintDoc) => Step);
  note: string;
  photos?: ComplaintPhoto[];
  /** Fields the step sets besides state and clocks (the new handler, the department …). */
  set?: Partial<Complaint>;
  /** A refusal beyond the lifecycle table (转派 to the person who has it already). */
  check?: (complaint: ComplaintDoc) => string | null;
}

export interface StepTaken {
  complaint: ComplaintDoc;
  entry: ComplaintHistoryEntry;
}

/**
 * The complaint a number names in the sender's community, if the sender may see it. A number typed without
 * its year may mean last year's (「进度 153」 on 3 January): when both are the sender's to see and last
 * year's still awaits something, the sender is asked which.
 */
export async function findVisible(ctx: BotContext, ref: TicketRef): Promise<ComplaintDoc> {
  const community = communityOf(ctx);
  const numbers = [ref.number, ...(ref.lastYear ? [ref.lastYear] : [])];
  const found = await ctx.services.models.Complaint.find({
    communityId: community._id,
    number: { $in: numbers },
  });
  // Someone else's complaint is reported as not found: its existence is not theirs to learn.
  const visible = found.filter((c) => mayView(c, ctx.sender));
  const current = visible.find((c) => c.number === ref.number);
  const earlier = visible.find((c) => c.number === ref.lastYear);
  if (current && earlier && (isOpen(earlier.state) || earlier.state === 'resolved')) {
    throw new UserError(`请问是 ${current.number} 还是 ${earlier.number}？请写完整编号。`);
  }
  const complaint = current ?? earlier;
  if (!complaint) throw new UserError(`没有找到诉求 ${ref.number}，请核对编号。`);
  return complaint;
}

/** 「2026-0153 …」 or 「153 …」 → the number and the rest, for parsers; null when there is none. */
export const ticketNumberIn = (text: string, now: Date, timeZone: string) =>
  findTicketNumber(text, Number(currentYearMonth(now, timeZone).slice(0, 4)));

function actorName(ctx: BotContext, complaint: ComplaintDoc): string {
  if (ctx.sender.kind === 'member') return ctx.sender.member.name;
  return complaint.reporter.userId === ctx.sender.userId ? complaint.reporter.name : '';
}

/**
 * Takes one lifecycle step on a complaint for the sender: refused with the reason when the table says no,
 * else written once (a retried message finds its step), followed by the notices and timers.
 */
export async function takeStep(
  ctx: BotContext,
  complaintId: Types.ObjectId,
  request: StepRequest,
): Promise<StepTaken> {
  const sla = slaOf(ctx.sender.community);
  let previousHandler = '';
  // Notes are read by others (the reporter, followers, the handler): no phone numbers in them.
  const note = withoutPhones(request.note);
  const applied = await applyChange(ctx.services.models, complaintId, ctx.message.dedupeKey, ctx.now, (c) => {
    const step = typeof request.step === 'function' ? request.step(c) : request.step;
    const reason = refusal(step, c.state, actorsOf(c, ctx.sender), c, note) ?? request.check?.(c);
    if (reason) return reason;
    previousHandler = c.handlerUserId;
    const photos = request.photos ?? [];
    return {
      update: {
        $set: {
          state: nextState(step, c.state),
          ...clockChanges(step, c, c.tier, ctx.now, sla),
          ...request.set,
        },
        ...(photos.length > 0 && { $push: { photos: { $each: photos } } }),
      },
      entry: {
        step,
        from: c.state,
        to: nextState(step, c.state),
        byUserId: ctx.sender.userId,
        byName: actorName(ctx, c),
        at: ctx.now,
        note,
        photos,
      },
    };
  });
  const entry = entryAt(applied.complaint, applied.version);
  if (!entry) throw new Error(`complaint ${String(complaintId)} has no step at version ${applied.version}`);
  // A retried message re-sends under the same ids (collapsed); whom a retried 转派 took it from is not known.
  await afterStep(ctx, applied.complaint, entry, previousHandler);
  return { complaint: applied.complaint, entry };
}
