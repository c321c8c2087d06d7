import type { RedisClient } from '../queues/connection.js';

/** The pages of someone's last long reply still to be read, for 「更多」. */
interface Pending {
  pages: string[];
  next: number;
  /** The 更多 message that took the page before `next`: a retried message gets the same page again. */
  lastKey: string | null;
}

/** An hour on, 「更多」 no longer continues an old list: the person asks again. */
export const PAGES_TTL_SECONDS = 60 * 60;

export class PageStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly ttlSeconds = PAGES_TTL_SECONDS,
  ) {}

  private key(userId: string) {
    return `pages:${userId}`;
  }

  /** Keeps the pages after the first (which was just sent); a reply that fits one screen clears them. */
  async keep(userId: string, rest: readonly string[]): Promise<void> {
    if (rest.length === 0) {
      await this.redis.del(this.key(userId));
      return;
    }
    const pending: Pending = { pages: [...rest], next: 0, lastKey: null };
    await this.redis.set(this.key(userId), JSON.stringify(pending), 'EX', this.ttlSeconds);
  }

  /** The next page, or null when there is none; `messageKey` makes a retried 更多 get the same page. */
  async next(userId: string, messageKey: string): Promise<string | null> {
    // One person's messages are handled strictly in order, so read-then-write cannot race with itself.
    const raw = await this.redis.get(this.key(userId));
    if (!raw) return null;
    const pending = JSON.parse(raw) as Pending;
    if (pending.lastKey === messageKey) return pending.pages[pending.next - 1] ?? null;
    const page = pending.pages[pending.next];
    if (page === undefined) return null;
    const moved: Pending = { ...pending, next: pending.next + 1, lastKey: messageKey };
    await this.redis.set(this.key(userId), JSON.stringify(moved), 'EX', this.ttlSeconds);
    return page;
  }
}
