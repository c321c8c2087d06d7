import { createHash } from 'node:crypto';
import type { MessageSendBody } from '../wecom/api/client.js';
import type { RedisClient } from './connection.js';

/** How long a part's record stays: longer than any job lives, including its retries. */
const RECORD_SECONDS = 7 * 24 * 3600;

/**
 * How long WeCom is asked to remember a part (duplicate_check_interval): far longer than a crashed part takes
 * to be sent again (a stalled job resumes within 15 s, retries back off for minutes), short enough that an
 * identical answer to a repeated question an hour later is protected again.
 */
export const DUPLICATE_WINDOW_SECONDS = 3600;

export type PartState = { state: 'sent' } | { state: 'sending'; body: MessageSendBody } | { state: 'new' };

/**
 * What became of each part of an outbound job, kept in Redis so the next worker knows after a crash. A part is
 * recorded as `sending`, with the exact request, before WeCom is called, and `sent` once WeCom accepted it.
 * A part found `sending` may or may not have reached WeCom: it is sent again byte for byte, with WeCom's
 * duplicate check on, which drops it if WeCom already took it.
 *
 * The duplicate check compares whole requests, so it is only asked for the first identical request to the
 * same people inside the window: a second identical one (「党费」 asked twice) must be delivered, not dropped
 * as a copy of the first. That second one goes without the check and could — only if the worker dies between
 * WeCom's answer and our record — arrive twice; every other part arrives exactly once.
 */
export class SendLedger {
  constructor(private readonly redis: RedisClient) {}

  private key(jobId: string, index: number, state: 'sent' | 'sending') {
    return `outbound:${state}:${jobId}:${index}`;
  }

  async state(jobId: string, index: number): Promise<PartState> {
    // One key at a time: on a Redis Cluster the two may live on different nodes.
    if (await this.redis.exists(this.key(jobId, index, 'sent'))) return { state: 'sent' };
    const sending = await this.redis.get(this.key(jobId, index, 'sending'));
    if (sending) return { state: 'sending', body: JSON.parse(sending) as MessageSendBody };
    return { state: 'new' };
  }

  /**
   * The request to send for a new part, recorded as `sending` before the call: with WeCom's duplicate check on
   * when no identical request went to these people inside the window.
   */
  async sending(jobId: string, index: number, body: MessageSendBody): Promise<MessageSendBody> {
    const fingerprint = createHash('sha1').update(JSON.stringify(body)).digest('hex');
    // A little longer than WeCom remembers, so WeCom never holds a request we think it has forgotten.
    const first = await this.redis.set(
      `outbound:window:${fingerprint}`,
      jobId,
      'EX',
      DUPLICATE_WINDOW_SECONDS + 60,
      'NX',
    );
    const request: MessageSendBody = first
      ? { ...body, enable_duplicate_check: 1, duplicate_check_interval: DUPLICATE_WINDOW_SECONDS }
      : body;
    await this.redis.set(this.key(jobId, index, 'sending'), JSON.stringify(request), 'EX', RECORD_SECONDS);
    return request;
  }

  async sent(jobId: string, index: number): Promise<void> {
    await this.redis.set(this.key(jobId, index, 'sent'), '1', 'EX', RECORD_SECONDS);
    await this.redis.del(this.key(jobId, index, 'sending'));
  }
}
