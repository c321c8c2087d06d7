import type { Router, RouterContext } from '@koa/router';
import type { Queue } from 'bullmq';
import type { Logger } from '../../logger.js';
import type { Metrics } from '../../metrics.js';
import type { InboundJob } from '../../queues/definitions.js';
import { enqueueInbound } from '../../queues/queues.js';
import {
  type CallbackOutcome,
  CallbackRejection,
  type CallbackSecrets,
  openCallback,
  openEchostr,
} from '../../wecom/callback.js';
import { BodyTooLargeError, readRawBody } from '../raw-body.js';
import { settingHints } from './setting-hints.js';

export const CALLBACK_PATH = '/wecom/callback';
export const MAX_BODY_BYTES = 64 * 1024;
/** Well inside WeCom's 5 s: past this we answer 503 and let WeCom retry rather than time out. */
const ENQUEUE_TIMEOUT_MS = 2_000;

export interface CallbackRouteDeps {
  secrets: CallbackSecrets;
  inbound: Queue<InboundJob>;
  metrics: Metrics;
  log: Logger;
  now: () => Date;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer from Redis within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export function registerCallbackRoutes(router: Router, deps: CallbackRouteDeps): void {
  const { secrets, inbound, metrics, log, now } = deps;

  const finish = (method: string, outcome: CallbackOutcome, started: bigint) => {
    metrics.callbacks.inc({ outcome });
    metrics.ackSeconds.observe({ method }, Number(process.hrtime.bigint() - started) / 1e9);
  };

  const hintFor = settingHints(now);
  const reject = (ctx: RouterContext, error: CallbackRejection, method: string, started: bigint) => {
    log.warn({ outcome: error.outcome, detail: error.message, ip: ctx.ip }, 'callback rejected');
    const hint = hintFor(error.outcome);
    if (hint) log.error({ outcome: error.outcome }, hint);
    ctx.status = error.status;
    ctx.type = 'text/plain';
    ctx.body = error.outcome;
    finish(method, error.outcome, started);
  };

  // URL verification when the admin saves the callback settings: the bare plaintext, within 1 s.
  router.get(CALLBACK_PATH, (ctx) => {
    const started = process.hrtime.bigint();
    try {
      const plain = openEchostr(secrets, ctx.query, Math.floor(now().getTime() / 1000));
      ctx.type = 'text/plain';
      ctx.body = plain;
      finish('GET', 'verified', started);
    } catch (error) {
      if (!(error instanceof CallbackRejection)) throw error;
      reject(ctx, error, 'GET', started);
    }
  });

  router.post(CALLBACK_PATH, async (ctx) => {
    const started = process.hrtime.bigint();
    try {
      const body = await readRawBody(ctx.req, MAX_BODY_BYTES);
      const receivedAt = now();
      const { message } = openCallback(secrets, ctx.query, body, Math.floor(receivedAt.getTime() / 1000));
      try {
        await withTimeout(enqueueInbound(inbound, message, receivedAt), ENQUEUE_TIMEOUT_MS);
      } catch (error) {
        // Not stored → not acknowledged: WeCom retries, and the retry dedupes onto the same job id.
        log.error({ err: error, dedupeKey: message.dedupeKey }, 'could not store callback; answering 503');
        ctx.status = 503;
        ctx.body = 'queue_unavailable';
        finish('POST', 'queue_unavailable', started);
        return;
      }
      ctx.status = 200;
      ctx.body = '';
      finish('POST', 'accepted', started);
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        reject(ctx, new CallbackRejection(413, 'too_large', error.message), 'POST', started);
      } else if (error instanceof CallbackRejection) {
        reject(ctx, error, 'POST', started);
      } else {
        throw error;
      }
    }
  });
}
