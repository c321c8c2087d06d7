import { WecomApiError } from '../wecom/api/errors.js';

/** Driver errors that mean "the database could not be reached or did not answer", not "the request was wrong". */
const TRANSIENT_NAMES = new Set([
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoServerSelectionError',
  'MongooseServerSelectionError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
  'MongoServerClosedError',
  'MongoOperationTimeoutError',
  'MongoPoolClearedError',
  'MongoWaitQueueTimeoutError',
  'MaxRetriesPerRequestError',
]);

const TRANSIENT_LABELS = ['RetryableWriteError', 'TransientTransactionError', 'ResetPool'];

const TRANSIENT_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
]);

/** ioredis says these without a class of their own; mongoose says the last when its buffer waits too long. */
const TRANSIENT_MESSAGES = [
  /^Connection is closed\.?$/,
  /Stream isn't writeable/,
  /^Reached the max retries per request limit/,
  /buffering timed out after/,
];

/**
 * True when the failure is the infrastructure's (MongoDB, Redis or WeCom unreachable, busy or timing out):
 * the same message tried again later will likely succeed, so the inbound job is retried instead of answered.
 * Anything else — a bug, bad data — would fail the same way again.
 */
export function isTransient(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (e instanceof WecomApiError)
      return e.kind === 'retryable' || e.kind === 'token' || e.kind === 'rate_limited';
    if (TRANSIENT_NAMES.has(e.name)) return true;
    const { code, errorLabels } = e as { code?: unknown; errorLabels?: unknown };
    if (typeof code === 'string' && TRANSIENT_CODES.has(code)) return true;
    if (Array.isArray(errorLabels) && TRANSIENT_LABELS.some((l) => errorLabels.includes(l))) return true;
    if (TRANSIENT_MESSAGES.some((m) => m.test(e.message))) return true;
  }
  return false;
}
