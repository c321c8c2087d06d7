import { createHash, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { RedisClient } from '../../queues/connection.js';
import { WecomApiError } from './errors.js';

export interface FetchedToken {
  accessToken: string;
  /** Seconds, as returned by gettoken (normally 7200). */
  expiresIn: number;
}

export interface AccessTokenCacheOptions {
  redis: RedisClient;
  corpId: string;
  agentId: number;
  /** Only fingerprinted into the failure-latch key (so a corrected secret is not blocked); never stored. */
  secret: string;
  /** Calls gettoken once. Must give up when `signal` aborts so the lock outlives the fetch. */
  fetchToken: (signal: AbortSignal) => Promise<FetchedToken>;
  lockTtlMs?: number;
  pollMs?: number;
  /** How long a config failure (wrong secret, untrusted IP) answers for every process without calling WeCom. */
  failureLatchMs?: number;
}

/** Refresh this long before WeCom's expiry so a token is never used in its last moments. */
const EXPIRY_MARGIN_S = 300;

/** Compare-and-delete: removes the key only while it still holds the value we know (our lock, the failed token). */
const DEL_IF_EQUALS = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

/**
 * The app's access_token, shared by every process through Redis. A miss is refreshed by exactly one process
 * (SET NX lock); the others poll the key. This avoids the gettoken stampede that gets clusters rate limited.
 */
export class AccessTokenCache {
  private readonly redis: RedisClient;
  private readonly key: string;
  private readonly lockKey: string;
  private readonly failKey: string;
  private readonly fetchToken: (signal: AbortSignal) => Promise<FetchedToken>;
  private readonly lockTtlMs: number;
  private readonly pollMs: number;
  private readonly failureLatchMs: number;

  constructor(opts: AccessTokenCacheOptions) {
    this.redis = opts.redis;
    // One hash tag for the token, its lock and its failure latch: read together (MGET), so one cluster slot.
    this.key = `{wecom-token:${opts.corpId}:${opts.agentId}}`;
    this.lockKey = `${this.key}:lock`;
    const secretFingerprint = createHash('sha256').update(opts.secret).digest('hex').slice(0, 16);
    this.failKey = `${this.key}:fail:${secretFingerprint}`;
    this.fetchToken = opts.fetchToken;
    this.lockTtlMs = opts.lockTtlMs ?? 10_000;
    this.pollMs = opts.pollMs ?? 50;
    this.failureLatchMs = opts.failureLatchMs ?? 60_000;
  }

  async get(): Promise<string> {
    // Twice the lock TTL: a crashed holder's lock expires after one TTL, then a waiter fetches within the next.
    const deadline = Date.now() + 2 * this.lockTtlMs;
    for (;;) {
      const [token, failure] = await this.redis.mget(this.key, this.failKey);
      if (token) return token;
      if (failure) throw latchedError(failure);
      const lockValue = randomUUID();
      if (await this.redis.set(this.lockKey, lockValue, 'PX', this.lockTtlMs, 'NX')) {
        try {
          return await this.refreshHoldingLock();
        } finally {
          await this.redis.eval(DEL_IF_EQUALS, 1, this.lockKey, lockValue);
        }
      }
      if (Date.now() >= deadline) {
        throw new WecomApiError({
          api: 'gettoken',
          errcode: -1,
          errmsg: 'timed out waiting for another process to fetch the access token',
          kind: 'retryable',
        });
      }
      await sleep(this.pollMs);
    }
  }

  /** Forgets `failedToken` unless another process already replaced it, so a fresh token is never thrown away. */
  async invalidate(failedToken: string): Promise<boolean> {
    return (await this.redis.eval(DEL_IF_EQUALS, 1, this.key, failedToken)) === 1;
  }

  private async refreshHoldingLock(): Promise<string> {
    // Someone may have stored a token between our miss and our lock.
    const current = await this.redis.get(this.key);
    if (current) return current;
    let fetched: FetchedToken;
    try {
      // Leave a second of the lock for storing the result.
      fetched = await this.fetchToken(AbortSignal.timeout(Math.max(this.lockTtlMs - 1000, 1)));
    } catch (err) {
      if (err instanceof WecomApiError && err.kind === 'config') {
        // Every process (and every job retry) would otherwise call gettoken with the same bad secret: IP ban risk.
        const latch = JSON.stringify({ errcode: err.errcode, errmsg: err.errmsg });
        await this.redis.set(this.failKey, latch, 'PX', this.failureLatchMs);
      }
      throw err;
    }
    const ttlS = Math.max(fetched.expiresIn - EXPIRY_MARGIN_S, Math.ceil(fetched.expiresIn / 2), 1);
    await this.redis.set(this.key, fetched.accessToken, 'EX', ttlS);
    return fetched.accessToken;
  }
}

function latchedError(raw: string): WecomApiError {
  const { errcode, errmsg } = JSON.parse(raw) as { errcode: number; errmsg: string };
  return new WecomApiError({
    api: 'gettoken',
    errcode,
    errmsg: `${errmsg} (cached failure)`,
    kind: 'config',
  });
}
