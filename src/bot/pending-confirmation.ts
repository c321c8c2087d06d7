import type { RedisClient } from '../queues/connection.js';

export const CONFIRM_TTL_SECONDS = 10 * 60;

/** An action shown to an officer and waiting for 「确认」: kept in Redis with an expiry, keyed by person. */
export class ConfirmationStore {
  constructor(private readonly redis: RedisClient) {}

  private key(userId: string) {
    return `confirm:${userId}`;
  }

  async get<T>(userId: string, kind: string): Promise<T | null> {
    const raw = await this.redis.get(this.key(userId));
    if (!raw) return null;
    const stored = JSON.parse(raw) as { kind: string; payload: T };
    return stored.kind === kind ? stored.payload : null;
  }

  async set(userId: string, kind: string, payload: unknown): Promise<void> {
    await this.redis.set(this.key(userId), JSON.stringify({ kind, payload }), 'EX', CONFIRM_TTL_SECONDS);
  }

  async clear(userId: string): Promise<boolean> {
    return (await this.redis.del(this.key(userId))) > 0;
  }
}
