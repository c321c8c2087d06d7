import { type Queue, UnrecoverableError } from 'bullmq';
import { Types } from 'mongoose';
import { formatTime, RATE_INVITATION } from '../complaints/messages.js';
import type { Logger } from '../logger.js';
import type { Models } from '../models/index.js';
import type { KfContact } from '../models/kf.js';
import type { AttachmentStore } from '../queues/attachments.js';
import type { OutboundContent, OutboundJob } from '../queues/definitions.js';
import type { WecomApi } from '../wecom/api/client.js';
import { WecomApiError } from '../wecom/api/errors.js';
import type { KfOutContent } from '../wecom/api/kf.js';
import { splitUtf8 } from '../wecom/api/split-text.js';
import { externalUserIdOf } from './address.js';
import { complaintIdInJobId, type HoldReason, kfMsgid, record, tellHandlerUnreached } from './outbox.js';

export interface KfSendDeps {
  models: Models;
  /** kf/send_msg, and media/upload for photos. */
  wecom: WecomApi;
  attachments: AttachmentStore;
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

/** One kf message: text, or a photo waiting in the AttachmentStore. */
export type KfPart = { text: string } | { attachmentId: string };

/** Kept in place of a photo that could not go: the resident can ask for the complaint's progress. */
const HELD_PHOTO = '（社区发来一张照片，发「进度」加编号可查看办理情况）';

/** What a WeChat user is sent: plain text and photos. Cards become their fallback; files only their caption. */
export function kfParts(content: OutboundContent): KfPart[] {
  const texts = (text: string) => splitUtf8(text).map((part) => ({ text: part }));
  switch (content.type) {
    case 'text':
    case 'markdown':
      return texts(content.content);
    case 'textcard':
      return texts(`${content.title}\n${content.description}`);
    case 'template_card':
      return texts(content.fallbackText);
    case 'image':
      return [...(content.caption ? texts(content.caption) : []), { attachmentId: content.attachmentId }];
    case 'file':
      return content.caption ? texts(content.caption) : [];
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
  for (const [index, part] of kfParts(job.content).entries()) {
    const key = `${jobId}-${index}`;
    if (await models.KfOutbox.exists({ key })) continue;
    const msgid = kfMsgid(key);
    const text = 'text' in part ? part.text : HELD_PHOTO;
    const content = async (): Promise<KfOutContent> =>
      'text' in part
        ? { msgtype: 'text', text: { content: withRatingDeadline(deps, part.text, contact) } }
        : { msgtype: 'image', image: { media_id: await upload(deps, part.attachmentId) } };
    const outcome = await deliver(deps, contact._id, msgid, content);
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

async function upload(deps: KfSendDeps, attachmentId: string): Promise<string> {
  const stored = await deps.attachments.get(attachmentId);
  if (!stored) throw new UnrecoverableError(`attachment ${attachmentId} has expired`);
  const { mediaId } = await deps.wecom.uploadMedia('image', stored.filename, stored.data, stored.contentType);
  return mediaId;
}

async function deliver(
  deps: KfSendDeps,
  contactId: unknown,
  msgid: string,
  content: () => Promise<KfOutContent>,
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
    await deps.wecom.kf.sendMsg({
      openKfId: contact.openKfId,
      toUser: contact.externalUserId,
      msgid,
      content: await content(),
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
