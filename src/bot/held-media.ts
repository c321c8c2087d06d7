import type { RedisClient } from '../queues/connection.js';
import type { SentLocation } from './command.js';

/** A photo or location sent before the command that needs it (「[位置] 这个井盖松了」). */
export type HeldMedia =
  | { kind: 'image'; mediaId: string; msgId: string; at: string }
  | { kind: 'location'; latitude: number; longitude: number; label: string; msgId: string; at: string };

export const HOLD_SECONDS = 10 * 60;

/** A location message as held media. */
export const heldLocation = (location: SentLocation, at: Date): HeldMedia => ({
  kind: 'location',
  latitude: location.latitude,
  longitude: location.longitude,
  label: location.label,
  msgId: location.msgId,
  at: at.toISOString(),
});

export class HeldMediaStore {
  constructor(private readonly redis: RedisClient) {}

  private key(userId: string) {
    return `held:${userId}`;
  }

  async hold(userId: string, media: HeldMedia): Promise<void> {
    const key = this.key(userId);
    await this.redis
      .multi()
      .rpush(key, JSON.stringify(media))
      .ltrim(key, -9, -1)
      .expire(key, HOLD_SECONDS)
      .exec();
  }

  /** Everything held for this person, oldest first, left in place (a command still asking may take it later). */
  async peek(userId: string): Promise<HeldMedia[]> {
    const items = await this.redis.lrange(this.key(userId), 0, -1);
    return items.map((raw) => JSON.parse(raw) as HeldMedia);
  }

  /** Everything held for this person, oldest first, removed so the next command does not take it again. */
  async take(userId: string): Promise<HeldMedia[]> {
    const key = this.key(userId);
    const results = await this.redis.multi().lrange(key, 0, -1).del(key).exec();
    const items = (results?.[0]?.[1] ?? []) as string[];
    return items.map((raw) => JSON.parse(raw) as HeldMedia);
  }
}
