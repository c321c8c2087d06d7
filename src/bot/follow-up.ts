import type { RedisClient } from '../queues/connection.js';
import type { Expectation } from './answers.js';

/**
 * The bot asked someone something outside a conversation with them (「请您评价」 after 办结, the handler's
 * question about their complaint): their next message, when it fits `expects`, runs `commandId` with
 * `prefix` (the complaint's number) in front of it — so 「满意」 rates that complaint and
 * 「就是西区2栋门口那个」 is added to it.
 */
export interface FollowUp {
  commandId: string;
  prefix: string;
  expects: Expectation;
}

/** Short-lived: a reply hours later is no longer read as an answer. */
export const FOLLOW_UP_TTL_SECONDS = 6 * 60 * 60;

export class FollowUpStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly ttlSeconds = FOLLOW_UP_TTL_SECONDS,
  ) {}

  private key(userId: string) {
    return `followup:${userId}`;
  }

  async set(userId: string, followUp: FollowUp): Promise<void> {
    await this.redis.set(this.key(userId), JSON.stringify(followUp), 'EX', this.ttlSeconds);
  }

  /** The follow-up, removed: only the next message is read against it. */
  async take(userId: string): Promise<FollowUp | null> {
    // One person's messages are handled strictly in order, so get-then-delete cannot race with itself.
    const raw = await this.redis.get(this.key(userId));
    if (!raw) return null;
    await this.redis.del(this.key(userId));
    return JSON.parse(raw) as FollowUp;
  }
}
