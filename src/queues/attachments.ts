import type { Queue } from 'bullmq';
import type { RedisClient } from './connection.js';
import type { OutboundJob } from './definitions.js';
import { enqueueOutbound } from './queues.js';

/** A chart or spreadsheet to send as a WeCom image or file message. */
export interface Attachment {
  kind: 'image' | 'file';
  /** What the recipient sees, e.g. 党费台账-2026.xlsx. */
  filename: string;
  contentType: string;
  data: Buffer;
}

/**
 * Longer than an outbound job lives with its retries and rate-limit deferrals. The bytes wait here, not in
 * the job (job payloads carry ids, and a ledger is personal data); WeCom's media id is fetched only when the
 * message is sent, because it expires after 3 days.
 */
const TTL_SECONDS = 3 * 24 * 3600;

export class AttachmentStore {
  constructor(private readonly redis: RedisClient) {}

  async put(id: string, attachment: Omit<Attachment, 'kind'>): Promise<void> {
    const key = `attachment:${id}`;
    await this.redis
      .multi()
      .hset(key, {
        filename: attachment.filename,
        contentType: attachment.contentType,
        data: attachment.data,
      })
      .expire(key, TTL_SECONDS)
      .exec();
  }

  async get(id: string): Promise<Omit<Attachment, 'kind'> | null> {
    const stored = await this.redis.hgetallBuffer(`attachment:${id}`);
    if (!stored.data || !stored.filename) return null;
    return {
      filename: stored.filename.toString('utf8'),
      contentType: stored.contentType?.toString('utf8') ?? 'application/octet-stream',
      data: stored.data,
    };
  }
}

/**
 * Sends an attachment, after an optional caption, as one outbound job (so the caption arrives first). The
 * job id names the stored bytes: a retried producer overwrites them with the same content and enqueues nothing new.
 */
export async function enqueueAttachment(
  queue: Queue<OutboundJob>,
  store: AttachmentStore,
  jobId: string,
  send: { touser: string[]; attachment: Attachment; caption?: string; purpose: string },
): Promise<void> {
  const { kind, ...bytes } = send.attachment;
  await store.put(jobId, bytes);
  await enqueueOutbound(queue, jobId, {
    touser: send.touser,
    content: { type: kind, attachmentId: jobId, ...(send.caption ? { caption: send.caption } : {}) },
    purpose: send.purpose,
  });
}
