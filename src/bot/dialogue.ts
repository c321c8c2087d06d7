import type { RedisClient } from '../queues/connection.js';
import type { Expectation } from './answers.js';

/** A command waiting for a missing slot: the text so far, what was asked, and what kind of reply fits. */
export interface PendingDialogue {
  commandId: string;
  text: string;
  missing: string;
  question: string;
  expects: Expectation;
  /** The person's own words in the conversation so far (`text` is folded for the parsers): see BotContext.ownWords. */
  said?: string;
}

export const DIALOGUE_TTL_SECONDS = 10 * 60;

/** Dialogue state lives in Redis with an expiry, keyed by person — never in process memory. */
export class DialogueStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly ttlSeconds = DIALOGUE_TTL_SECONDS,
  ) {}

  private key(userId: string) {
    return `dialogue:${userId}`;
  }

  async get(userId: string): Promise<PendingDialogue | null> {
    const raw = await this.redis.get(this.key(userId));
    return raw ? (JSON.parse(raw) as PendingDialogue) : null;
  }

  async set(userId: string, pending: PendingDialogue): Promise<void> {
    await this.redis.set(this.key(userId), JSON.stringify(pending), 'EX', this.ttlSeconds);
  }

  async clear(userId: string): Promise<boolean> {
    return (await this.redis.del(this.key(userId))) > 0;
  }
}
