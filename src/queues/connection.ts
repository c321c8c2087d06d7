import { Redis } from 'ioredis';

/**
 * Producers fail fast (the webhook must answer 503 at once when Redis is away, so WeCom retries);
 * workers and background users wait and reconnect. BullMQ's guidance for both.
 */
export function createProducerConnection(url: string): Redis {
  return new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    lazyConnect: false,
    // Keep reconnecting quickly so the webhook recovers within a second of Redis returning.
    retryStrategy: (attempt) => Math.min(100 * attempt, 1_000),
  });
}

/** `keyPrefix` namespaces the app's own keys (never BullMQ's: BullMQ refuses prefixed connections). */
export function createWorkerConnection(url: string, keyPrefix?: string): Redis {
  return new Redis(url, {
    ...(keyPrefix ? { keyPrefix } : {}),
    maxRetriesPerRequest: null,
    retryStrategy: (attempt) => Math.min(200 * attempt, 2_000),
  });
}

/** Resolves once the connection is usable (producer connections reject commands until then). */
export async function whenReady(redis: Redis, timeoutMs = 10_000): Promise<void> {
  if (redis.status === 'ready') return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`Redis not ready after ${timeoutMs} ms`));
    }, timeoutMs);
    const onReady = () => {
      cleanup();
      resolve();
    };
    const cleanup = () => {
      clearTimeout(timer);
      redis.off('ready', onReady);
    };
    redis.on('ready', onReady);
  });
}
