import { expects } from '../bot/answers.js';
import type { BotContext } from '../bot/context.js';
import type { FollowUpStore } from '../bot/follow-up.js';
import { asksForPhone } from '../domain/complaints/phones.js';
import type { ComplaintHistoryEntry } from '../models/complaint.js';
import type { ComplaintDoc } from './changes.js';

export const RATE_COMMAND_ID = 'complaint.rate';
export const ADD_COMMAND_ID = 'complaint.add';
/** Put before the reporter's reply to the handler's request for a phone: 「2026-0153 电话：不方便留」. */
export const PHONE_ANSWER = '电话：';

/** A handler's note that asks the reporter something (「具体是哪个门口？」「方便留个电话吗」). */
const ASKS = /[?？]|吗|请问|哪|什么|几|是否|能否|方便|电话/;

/**
 * After the reporter was asked something about their complaint — to rate it after 办结, or the handler's
 * question — their next message belongs to it: 「满意」 rates it, 「就是西区2栋门口那个」 is added to it.
 */
export async function expectReporterReply(
  ctx: BotContext,
  complaint: ComplaintDoc,
  entry: ComplaintHistoryEntry,
) {
  const reporter = complaint.reporter.userId;
  if (!reporter || entry.byUserId === reporter) return;
  if (entry.step === 'resolve') {
    await expectRating(ctx.services.followUps, reporter, complaint.number);
  } else if ((entry.step === 'progress' || entry.step === 'note') && ASKS.test(entry.note ?? '')) {
    const phone = asksForPhone(entry.note ?? '');
    await ctx.services.followUps.set(reporter, {
      commandId: ADD_COMMAND_ID,
      prefix: phone ? `${complaint.number} ${PHONE_ANSWER}` : complaint.number,
      expects: expects('text', phone ? '13912345678' : '就是西区2栋门口那个'),
    });
  }
}

/** The reporter was asked to rate (after 办结, or the reminder days later): a plain 「满意」 rates `number`. */
export async function expectRating(followUps: FollowUpStore, reporter: string, number: string) {
  await followUps.set(reporter, {
    commandId: RATE_COMMAND_ID,
    prefix: number,
    expects: expects('rating', '满意'),
  });
}
