import { createHash } from 'node:crypto';
import type { Queue } from 'bullmq';
import type { Types } from 'mongoose';
import { isDuplicateKeyError } from '../db/duplicate-key.js';
import type { Models } from '../models/index.js';
import type { KfOutbox } from '../models/kf.js';
import type { OutboundJob } from '../queues/definitions.js';
import { enqueueOutbound } from '../queues/queues.js';

/** Why a message to a resident could not go now. */
export type HoldReason = 'window' | 'limit' | 'session' | 'failed';

const REASONS: Record<HoldReason, string> = {
  window: '他已超过48小时没有来消息',
  limit: '他上次来消息后已连续收到5条回复',
  session: '会话已转人工接待或已结束',
  failed: '微信未能送达',
};

/** kf/send_msg's msgid (≤ 32 bytes of [0-9a-zA-Z_-]) from our own key: a retried send carries the same one. */
export function kfMsgid(key: string): string {
  return createHash('sha256').update(key).digest('base64url').slice(0, 32);
}

/** Complaint messages carry the complaint's id in their job id (`cpl-<id>-…`, see complaints/notify.ts). */
export function complaintIdInJobId(jobId: string): string | null {
  return /^cpl-([0-9a-f]{24})-/.exec(jobId)?.[1] ?? null;
}

/** Records one message part's outcome; a retried job finds the record and does not send it again. */
export async function record(
  models: Models,
  entry: Omit<KfOutbox, 'createdAt' | 'updatedAt'>,
): Promise<void> {
  try {
    await models.KfOutbox.create(entry);
  } catch (err) {
    if (!isDuplicateKeyError(err)) throw err;
  }
}

/**
 * The complaint's handler hears that its reporter, on plain WeChat, has not been reached and will be when
 * they next write. Keyed by the held message, so it is said once.
 */
export async function tellHandlerUnreached(
  models: Models,
  outbound: Queue<OutboundJob>,
  key: string,
  complaintId: Types.ObjectId | string | null,
  reason: HoldReason,
): Promise<void> {
  if (!complaintId) return;
  const complaint = await models.Complaint.findById(complaintId, { number: 1, handlerUserId: 1 });
  if (!complaint?.handlerUserId) return;
  await enqueueOutbound(outbound, `${key}-unreached`, {
    touser: [complaint.handlerUserId],
    content: {
      type: 'text',
      content: `诉求 ${complaint.number} 的最新消息还没能告诉反映人：居民通过微信客服反映，${REASONS[reason]}，暂时不能给他发消息。他下次发消息时会自动转告；急事请电话联系。`,
    },
    purpose: 'kf-unreached',
  });
}

/**
 * The resident wrote again: what was held for them goes first, in order, as one message (the job id comes
 * from their message, so handling it twice queues it once). Returns how many were held.
 */
export async function releaseHeld(
  models: Models,
  outbound: Queue<OutboundJob>,
  address: string,
  externalUserId: string,
  messageKey: string,
): Promise<number> {
  const held = await models.KfOutbox.find({ externalUserId, state: 'held' }).sort({ at: 1 });
  if (held.length === 0) return 0;
  const text = [held.length === 1 ? '之前有一条消息没能发给您：' : `之前有${held.length}条消息没能发给您：`]
    .concat(held.map((h) => h.text))
    .join('\n\n');
  await enqueueOutbound(outbound, `kfheld-${messageKey}`, {
    touser: [address],
    content: { type: 'text', content: text },
    purpose: 'kf-held',
  });
  await models.KfOutbox.updateMany(
    { _id: { $in: held.map((h) => h._id) } },
    { $set: { state: 'delivered' } },
  );
  return held.length;
}
