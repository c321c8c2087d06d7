import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import type { Router } from '@koa/router';
import type { Queue } from 'bullmq';
import type { Context } from 'koa';
import type { Logger } from '../../logger.js';
import type { Metrics } from '../../metrics.js';
import { ArrivalWriter } from '../../queues/arrivals.js';
import type { InboundJob } from '../../queues/definitions.js';
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
const EMPTY = { 'content-length': '0' };
/** Well inside WeCom's 5 s: past this we answer 503 and let WeCom retry rather than time out. */
const ENQUEUE_TIMEOUT_MS = 2_000;

export interface CallbackRouteDeps {
  secrets: CallbackSecrets;
  inbound: Queue<InboundJob>;
  metrics: Metrics;
  log: Logger;
  now: () => Date;
}

/** Labelled metric children bound once: the hot path does no label lookups. */
function ackMetrics(metrics: Metrics) {
  const byOutcome = new Map<CallbackOutcome, { inc(): void }>();
  const ack = { GET: metrics.ackSeconds.labels('GET'), POST: metrics.ackSeconds.labels('POST') };
  return (method: 'GET' | 'POST', outcome: CallbackOutcome, started: bigint) => {
    let counter = byOutcome.get(outcome);
    if (!counter) {
      counter = metrics.callbacks.labels(outcome);
      byOutcome.set(outcome, counter);
    }
    counter.inc();
    ack[method].observe(Number(process.hrtime.bigint() - started) / 1e9);
  };
}

/** Logs a rejection, and which setting to check when it points at one (at most once a minute). */
function rejectionLog(deps: CallbackRouteDeps) {
  const hintFor = settingHints(deps.now);
  return (error: CallbackRejection, ip: string | undefined) => {
    deps.log.warn({ outcome: error.outcome, detail: error.message, ip }, 'callback rejected');
    const hint = hintFor(error.outcome);
    if (hint) deps.log.error({ outcome: error.outcome }, hint);
  };
}

function rejecter(deps: CallbackRouteDeps, finish: ReturnType<typeof ackMetrics>) {
  const logRejection = rejectionLog(deps);
  return (ctx: Context, error: CallbackRejection, method: 'GET' | 'POST', started: bigint) => {
    logRejection(error, ctx.ip);
    ctx.status = error.status;
    ctx.type = 'text/plain';
    ctx.body = error.outcome;
    finish(method, error.outcome, started);
  };
}

/** Handles the request itself and says true, or leaves it to the Koa app (false). */
export type RequestTaker = (req: IncomingMessage, res: ServerResponse) => boolean;

/**
 * Message delivery (POST), the hot path, on plain node:http ahead of the Koa app: the profile put Koa and the
 * router at a seventh of the webhook's CPU, for nothing this route needs. 200 only once the message is stored
 * (see ArrivalWriter); 503 when Redis cannot store it in time.
 */
export function callbackDelivery(deps: CallbackRouteDeps): RequestTaker {
  const { secrets, inbound, log, now } = deps;
  const finish = ackMetrics(deps.metrics);
  const arrivals = new ArrivalWriter(inbound, ENQUEUE_TIMEOUT_MS);
  const answer = (res: ServerResponse, status: number, body: string) => {
    res.writeHead(status, {
      'content-type': 'text/plain; charset=utf-8',
      'content-length': Buffer.byteLength(body),
    });
    res.end(body);
  };
  // The acknowledgement itself: nothing but an empty body.
  const acknowledge = (res: ServerResponse) => res.writeHead(200, EMPTY).end();
  const logRejection = rejectionLog(deps);
  const reject = (req: IncomingMessage, res: ServerResponse, error: CallbackRejection, started: bigint) => {
    logRejection(error, clientIp(req));
    answer(res, error.status, error.outcome);
    finish('POST', error.outcome, started);
  };

  const deliver = async (req: IncomingMessage, res: ServerResponse, search: string) => {
    const started = process.hrtime.bigint();
    try {
      const body = await readRawBody(req, MAX_BODY_BYTES);
      const receivedAt = now();
      const query = parseQuery(search);
      const { message } = openCallback(secrets, query, body, Math.floor(receivedAt.getTime() / 1000));
      let stored: boolean;
      try {
        stored = await arrivals.store(message, receivedAt);
      } catch (error) {
        // Not stored → not acknowledged: WeCom retries, and the retry dedupes onto the same job id.
        log.error({ err: error, dedupeKey: message.dedupeKey }, 'could not store callback; answering 503');
        answer(res, 503, 'queue_unavailable');
        finish('POST', 'queue_unavailable', started);
        return;
      }
      acknowledge(res);
      finish('POST', stored ? 'accepted' : 'duplicate', started);
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        reject(req, res, new CallbackRejection(413, 'too_large', error.message), started);
      } else if (error instanceof CallbackRejection) {
        reject(req, res, error, started);
      } else {
        log.error({ err: error, path: CALLBACK_PATH }, 'unhandled request error');
        if (!res.headersSent) answer(res, 500, 'internal_error');
      }
    }
  };

  return (req, res) => {
    if (req.method !== 'POST') return false;
    const url = req.url ?? '';
    const mark = url.indexOf('?');
    if ((mark === -1 ? url : url.slice(0, mark)) !== CALLBACK_PATH) return false;
    void deliver(req, res, mark === -1 ? '' : url.slice(mark + 1));
    return true;
  };
}

/** The client as the logs name it: the proxy's X-Forwarded-For first (the app runs behind one). */
function clientIp(req: IncomingMessage): string | undefined {
  const forwarded = req.headers['x-forwarded-for'];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
  return first || req.socket.remoteAddress;
}

/** URL verification (GET) when the admin saves the callback settings: the bare plaintext, within 1 s. */
export function registerCallbackRoutes(router: Router, deps: CallbackRouteDeps): void {
  const { secrets, now } = deps;
  const finish = ackMetrics(deps.metrics);
  const reject = rejecter(deps, finish);
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
}
