import { randomUUID } from 'node:crypto';
import type { RedisClient } from './connection.js';

/**
 * WeCom silently drops messages past 30 a minute to one member from one app. We stay below with a
 * sliding one-minute window per recipient, shared by every worker through Redis. All recipients of a
 * send are checked and counted atomically: either the whole send fits, or none of it is counted.
 */
export const PER_RECIPIENT_PER_MINUTE = 25; // margin under 30 for clock skew between us and WeCom
const WINDOW_MS = 60_000;

// KEYS: one sorted set per recipient. ARGV: now, window, limit, member.
// Returns 0 when counted, else the milliseconds until the fullest window has room.
const SCRIPT = `
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local limit = tonumber(ARGV[3])
local wait = 0
for i, key in ipairs(KEYS) do
  redis.call('ZREMRANGEBYSCORE', key, 0, now - window)
  if redis.call('ZCARD', key) >= limit then
    local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
    local room = tonumber(oldest[2]) + window - now
    if room > wait then wait = room end
  end
end
if wait > 0 then return wait end
for i, key in ipairs(KEYS) do
  redis.call('ZADD', key, now, ARGV[4])
  redis.call('PEXPIRE', key, window)
end
return 0
`;

export class RecipientRateLimiter {
  constructor(
    private readonly redis: RedisClient,
    private readonly limit = PER_RECIPIENT_PER_MINUTE,
    private readonly keyPrefix = '{wecom-rate}',
  ) {}

  /** Counts one message to each recipient, or returns how long to wait (ms) without counting anything. */
  async take(recipients: string[], now = Date.now()): Promise<number> {
    const keys = recipients.map((userid) => `${this.keyPrefix}:${userid}`);
    const wait = await this.redis.eval(
      SCRIPT,
      keys.length,
      ...keys,
      now,
      WINDOW_MS,
      this.limit,
      randomUUID(),
    );
    return Number(wait);
  }
}
