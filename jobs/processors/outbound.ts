import { DelayedError, type Job, UnrecoverableError } from 'bullmq';
import type { Logger } from '../../src/logger.js';
import type { Metrics } from '../../src/metrics.js';
import { AttachmentStore } from '../../src/queues/attachments.js';
import type { RedisClient } from '../../src/queues/connection.js';
import { type OutboundContent, type OutboundJob, OutboundJobSchema } from '../../src/queues/definitions.js';
import { orderedRecipient } from '../../src/queues/queues.js';
import type { RecipientRateLimiter } from '../../src/queues/recipient-rate-limit.js';
import { SendLedger } from '../../src/queues/send-ledger.js';
import { inTurn, type SenderOrder } from '../../src/queues/sender-order.js';
import type { MessageSendBody, WecomApi } from '../../src/wecom/api/client.js';
import { WecomApiError } from '../../src/wecom/api/errors.js';
import { splitUtf8 } from '../../src/wecom/api/split-text.js';

export interface OutboundDeps {
  wecom: WecomApi;
  /** Keeps one person's replies in the order they were written. */
  order: SenderOrder;
  redis: RedisClient;
  limiter: RecipientRateLimiter;
  metrics: Metrics;
  log: Logger;
}

const RATE_LIMITED_RETRY_MS = 60_000;

/** An image or file part: its media is uploaded only when the part is sent (media ids expire after 3 days). */
interface MediaPart {
  touser: string[];
  media: { kind: 'image' | 'file'; attachmentId: string };
}

/** The wire messages one outbound job becomes, in order. Long text is split on UTF-8 bytes. */
export function toWireMessages(
  touser: string[],
  content: OutboundContent,
): Array<MessageSendBody | MediaPart> {
  switch (content.type) {
    case 'text':
      return splitUtf8(content.content).map((part) => ({ touser, msgtype: 'text', text: { content: part } }));
    case 'markdown':
      return splitUtf8(content.content).map((part) => ({
        touser,
        msgtype: 'markdown',
        markdown: { content: part },
      }));
    case 'textcard': {
      const { type: _type, ...textcard } = content;
      return [{ touser, msgtype: 'textcard', textcard }];
    }
    case 'template_card':
      return [{ touser, msgtype: 'template_card', template_card: content.card }];
    case 'image':
    case 'file': {
      const media = { touser, media: { kind: content.type, attachmentId: content.attachmentId } };
      return content.caption
        ? [...toWireMessages(touser, { type: 'text', content: content.caption }), media]
        : [media];
    }
  }
}

/** Uploads the stored attachment and returns the message carrying its fresh media id. */
async function withUploadedMedia(
  wecom: WecomApi,
  attachments: AttachmentStore,
  part: MediaPart,
): Promise<MessageSendBody> {
  const { kind, attachmentId } = part.media;
  const stored = await attachments.get(attachmentId);
  // Gone only when the job outlived the store: nothing left to send, and retrying will not bring it back.
  if (!stored) throw new UnrecoverableError(`attachment ${attachmentId} has expired`);
  const { mediaId } = await wecom.uploadMedia(kind, stored.filename, stored.data, stored.contentType);
  return kind === 'image'
    ? { touser: part.touser, msgtype: 'image', image: { media_id: mediaId } }
    : { touser: part.touser, msgtype: 'file', file: { media_id: mediaId } };
}

async function deferTo(job: Job, until: number, token: string | undefined): Promise<never> {
  await job.moveToDelayed(until, token);
  throw new DelayedError();
}

/**
 * Sends one outbound job. Each part is recorded in Redis as sending (with the exact request) before WeCom is
 * called and as sent after, so a retry — after a crash, a timeout or a later part failing — skips what was
 * delivered and sends an uncertain part again under WeCom's duplicate check (see SendLedger).
 */
export function createOutboundProcessor(deps: OutboundDeps) {
  const attachments = new AttachmentStore(deps.redis);
  const ledger = new SendLedger(deps.redis);
  const send = async (job: Job<OutboundJob>, token: string | undefined, data: OutboundJob) => {
    const { touser, content, purpose } = data;
    const jobId = job.id ?? '';
    const log = deps.log.child({ jobId, purpose });
    const parts = toWireMessages(touser, content);
    const invalidUsers = new Set<string>();

    for (const [index, part] of parts.entries()) {
      const recorded = await ledger.state(jobId, index);
      if (recorded.state === 'sent') continue;
      if (recorded.state === 'sending')
        log.warn(
          { part: index },
          'part may have been sent before a crash; re-sending under the duplicate check',
        );

      const wait = await deps.limiter.take(touser);
      if (wait > 0) {
        deps.metrics.sends.inc({ outcome: 'rate_deferred' });
        log.info({ waitMs: wait }, 'recipient at the per-minute limit; deferring');
        await deferTo(job, Date.now() + wait + Math.floor(Math.random() * 2_000), token);
      }

      let result: Awaited<ReturnType<WecomApi['sendMessage']>>;
      try {
        const body =
          recorded.state === 'sending'
            ? recorded.body
            : await ledger.sending(
                jobId,
                index,
                'media' in part ? await withUploadedMedia(deps.wecom, attachments, part) : part,
              );
        result = await sendWithFallback(deps.wecom, body, content);
      } catch (error) {
        if (!(error instanceof WecomApiError)) throw error; // network and the like: BullMQ retries with backoff
        deps.metrics.sends.inc({ outcome: 'failed' });
        if (error.kind === 'rate_limited') {
          await deferTo(job, Date.now() + RATE_LIMITED_RETRY_MS + Math.floor(Math.random() * 10_000), token);
        }
        if (error.kind === 'config' || error.kind === 'permanent') {
          // Retrying cannot help (and a wrong secret retried gets the server's IP banned for an hour).
          throw new UnrecoverableError(`WeCom errcode ${error.errcode}: ${error.errmsg}`);
        }
        throw error;
      }
      await ledger.sent(jobId, index);
      for (const user of [...result.invalidUsers, ...result.unlicensedUsers]) invalidUsers.add(user);
      deps.metrics.sends.inc({ outcome: 'sent' });
    }

    if (invalidUsers.size > 0) {
      deps.metrics.sends.inc({ outcome: 'invalid_user' }, invalidUsers.size);
      log.warn(
        { invalidUsers: [...invalidUsers] },
        'WeCom did not deliver to some recipients (not in the app visibility?)',
      );
    }
    return { parts: parts.length, invalidUsers: [...invalidUsers] };
  };
  return async (
    job: Job<OutboundJob>,
    token?: string,
  ): Promise<{ parts: number; invalidUsers: string[] }> => {
    const parsed = OutboundJobSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`malformed outbound job: ${parsed.error.message}`);
    const recipient = orderedRecipient(parsed.data);
    return recipient
      ? inTurn(deps.order, recipient, job, token, () => send(job, token, parsed.data))
      : send(job, token, parsed.data);
  };
}

/** Cards do not render everywhere; when WeCom refuses one we send its plain-text fallback instead. */
async function sendWithFallback(wecom: WecomApi, body: MessageSendBody, content: OutboundContent) {
  try {
    return await wecom.sendMessage(body);
  } catch (error) {
    if (content.type !== 'template_card' || !(error instanceof WecomApiError) || error.kind !== 'permanent') {
      throw error;
    }
    return wecom.sendMessage({
      touser: body.touser,
      msgtype: 'text',
      text: { content: content.fallbackText },
      enable_duplicate_check: body.enable_duplicate_check,
      duplicate_check_interval: body.duplicate_check_interval,
    });
  }
}
