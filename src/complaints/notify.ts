import type { BotContext } from '../bot/context.js';
import type { ComplaintHistoryEntry } from '../models/complaint.js';
import { enqueueOutbound } from '../queues/queues.js';
import { reporterText } from './access.js';
import { handlerCard } from './card.js';
import type { ComplaintDoc } from './changes.js';
import { expectReporterReply } from './follow-ups.js';
import { forwardPhotos } from './forward-photos.js';
import { handlerNotice, reporterNotice, stamped } from './messages.js';
import { scheduleTimers, slaOf } from './timers.js';

/** One plain-text message about a complaint; the id derives from the complaint version, so a retry adds nothing. */
export async function tell(ctx: BotContext, jobId: string, to: readonly string[], text: string | null) {
  const touser = [...new Set(to)].filter((u) => u !== '' && u !== ctx.message.fromUser);
  if (!text || touser.length === 0) return;
  await enqueueOutbound(ctx.services.outbound, jobId, {
    touser,
    content: { type: 'text', content: text },
    purpose: 'complaint',
  });
}

/** The handler's card for a complaint waiting to be accepted. */
export async function sendCard(ctx: BotContext, complaint: ComplaintDoc, jobId: string) {
  const content = handlerCard(complaint, reporterText(complaint.reporter, true), ctx.timeZone);
  await enqueueOutbound(ctx.services.outbound, jobId, {
    touser: [complaint.handlerUserId],
    content,
    purpose: 'complaint-card',
  });
}

/**
 * After a step: the reporter and followers hear about it (unless they took it), the handler hears what
 * the reporter said, the step's photos go where they are needed, a new handler gets the card, and the time
 * limits are (re)scheduled.
 */
export async function afterStep(
  ctx: BotContext,
  complaint: ComplaintDoc,
  entry: ComplaintHistoryEntry,
  /** Who had it before a 转派 ('' when not known). */
  previousHandler: string,
) {
  const base = `cpl-${String(complaint._id)}-v${entry.version}`;
  const stamp = (text: string | null) => text && stamped(text, entry.at, ctx.timeZone);
  const followers = complaint.subscribers.filter((u) => u !== complaint.reporter.userId);
  await tell(ctx, `${base}-r`, [complaint.reporter.userId], stamp(reporterNotice(complaint, entry)));
  await expectReporterReply(ctx, complaint, entry);
  await tell(ctx, `${base}-f`, followers, stamp(reporterNotice(complaint, entry, true)));
  await tell(
    ctx,
    `${base}-h`,
    [complaint.handlerUserId],
    stamp(handlerNotice(complaint, entry, ctx.timeZone, complaint.resolveDeadline)),
  );
  await forwardPhotos(ctx, complaint, entry, entry.photos);
  if (entry.step === 'reassign') {
    await sendCard(ctx, complaint, `${base}-card`);
    await tell(
      ctx,
      `${base}-o`,
      [previousHandler],
      stamp(`诉求 ${complaint.number} 已转派给${complaint.handlerName}，您不用再办理了。`),
    );
  }
  await scheduleTimers(ctx.services.complaintTimers, complaint, slaOf(ctx.sender.community), ctx.now);
}
