import type { Queue } from 'bullmq';
import { Types } from 'mongoose';
import { formatTime, RATE_INVITATION } from '../complaints/messages.js';
import type { Logger } from '../logger.js';
import type { Models } from '../models/index.js';
import type { KfContact } from '../models/kf.js';
import type { OutboundContent, OutboundJob } from '../queues/definitions.js';
import { WecomApiError } from '../wecom/api/errors.js';
import type { KfApi } from '../wecom/api/kf.js';
import { splitUtf8 } from '../wecom/api/split-text.js';
import { externalUserIdOf } from './address.js';
import { complaintIdInJobId, type HoldReason, kfMsgid, record, tellHandlerUnreached } from './outbox.js';

export interface KfSendDeps {
  models: Models;
  kf: KfApi;
  outbound: Queue<OutboundJob>;
  log: Logger;
  now: () => Date;
  timeZone: string;
}

const WINDOW_MS = 48 * 3600 * 1000;
const PER_CUSTOMER_MESSAGE = 5;
const HOLD_ERRCODES: Record<number, HoldReason> = {
  95001: 'limit',
  95002: 'window',
  95013: 'session',
  95018: 'session',
};

/** What a WeChat user can read: plain text. Cards become their fallback; files and charts are not for residents. */
export function kfTexts(content: OutboundContent): string[] {
  switch (content.type) {
    case 'text':
    case 'markdown':
      return splitUtf8(content.content);
    case 'textcard':
      return splitUtf8(`${content.title}\n${content.description}`);
    case 'template_card':
      return splitUtf8(content.fallbackText);
    case 'image':
    case 'file':
      return content.caption ? splitUtf8(content.caption) : [];
  }
}

/**
 * Sends one outbound job to a resident through 微信客服 under its rules: only within 48 hours of their last
 * message, at most 5 per message of theirs, only while the bot has the session (states 0/1). A part that
 * cannot go is held for their next message, and a complaint's handler is told. Each part's msgid comes from
 * the job id, and its outcome is recorded: a retried job neither sends nor holds a part twice.
 */
export async function sendToResident(deps: KfSendDeps, jobId: string, job: OutboundJob): Promise<void> {
  const { models } = deps;
  const address = job.touser[0] ?? '';
  const externalUserId = externalUserIdOf(address);
  if (!externalUserId || job.touser.length !== 1) throw new Error(`kf job ${jobId} needs one kf address`);
  // The account they last wrote to: that session is where they will read it.
  const [contact] = await models.KfContact.find({ externalUserId }).sort({ lastCustomerAt: -1 }).limit(1);
  if (!contact) {
    deps.log.warn({ jobId }, 'kf message for a resident who never wrote; dropped');
    return;
  }
  const complaintId = complaintIdInJobId(jobId);
  for (const [index, text] of kfTexts(job.content).entries()) {
    const key = `${jobId}-${index}`;
    if (await models.KfOutbox.exists({ key })) continue;
    const msgid = kfMsgid(key);
    const outcome = await deliver(deps, contact._id, msgid, withRatingDeadline(deps, text, contact));
    await record(models, {
      key,
      msgid,
      openKfId: contact.openKfId,
      externalUserId,
      text,
      complaintId: complaintId ? new Types.ObjectId(complaintId) : null,
      state: outcome === 'sent' ? 'sent' : 'held',
      heldReason: outcome === 'sent' ? '' : outcome,
      at: deps.now(),
    });
    if (outcome !== 'sent') {
      deps.log.info({ jobId, reason: outcome }, 'kf message held until the resident writes again');
      await tellHandlerUnreached(models, deps.outbound, key, complaintId, outcome);
    }
  }
}

async function deliver(
  deps: KfSendDeps,
  contactId: unknown,
  msgid: string,
  text: string,
): Promise<'sent' | HoldReason> {
  const { KfContact } = deps.models;
  const openSince = new Date(deps.now().getTime() - WINDOW_MS);
  // Takes one of the 5 sends before calling, so concurrent jobs cannot together pass the limit.
  const contact = await KfContact.findOneAndUpdate(
    {
      _id: contactId,
      handedOver: false,
      lastCustomerAt: { $gt: openSince },
      sentSince: { $lt: PER_CUSTOMER_MESSAGE },
    },
    { $inc: { sentSince: 1 } },
    { returnDocument: 'after' },
  );
  if (!contact) {
    const now = await KfContact.findById(contactId);
    if (!now || now.handedOver) return 'session';
    return !now.lastCustomerAt || now.lastCustomerAt <= openSince ? 'window' : 'limit';
  }
  try {
    await deps.kf.sendMsg({
      openKfId: contact.openKfId,
      toUser: contact.externalUserId,
      msgid,
      content: { msgtype: 'text', text: { content: text } },
    });
    return 'sent';
  } catch (err) {
    const reason = err instanceof WecomApiError ? HOLD_ERRCODES[err.errcode] : undefined;
    if (reason) return reason;
    // Not sent: the retry takes its place again.
    await KfContact.updateOne({ _id: contactId }, { $inc: { sentSince: -1 } });
    throw err;
  }
}

/** The 办结 notice asks for a rating: on WeChat it must come while we can still hear back, so say until when. */
function withRatingDeadline(
  deps: KfSendDeps,
  text: string,
  contact: Pick<KfContact, 'lastCustomerAt'>,
): string {
  if (!text.includes(RATE_INVITATION) || !contact.lastCustomerAt) return text;
  const closes = new Date(contact.lastCustomerAt.getTime() + WINDOW_MS);
  return `${text}\n请在${formatTime(closes, deps.timeZone)}前回复评价，过后这里就不能再给您发消息了。`;
}
