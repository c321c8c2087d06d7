import { Cluster, type ClusterOptions, Redis, type RedisOptions } from 'ioredis';

/** One Redis server, or a Redis Cluster: every Redis user in the bot takes either. */
export type RedisClient = Redis | Cluster;

/** Where Redis is: `REDIS_URL` is one URL, or the comma-separated seeds of a cluster (or `REDIS_CLUSTER=1`). */
export interface RedisTarget {
  urls: readonly string[];
  cluster: boolean;
}

function clusterOf(target: RedisTarget, options: RedisOptions): Cluster {
  const nodes = target.urls.map((u) => {
    const url = new URL(u);
    return { host: url.hostname, port: Number(url.port || 6379) };
  });
  const first = new URL(target.urls[0] ?? 'redis://127.0.0.1:6379');
  const { keyPrefix, enableOfflineQueue, retryStrategy, ...nodeOptions } = options;
  const clusterOptions: ClusterOptions = {
    ...(keyPrefix ? { keyPrefix } : {}),
    ...(enableOfflineQueue === undefined ? {} : { enableOfflineQueue }),
    ...(retryStrategy ? { clusterRetryStrategy: (attempt) => retryStrategy(attempt) } : {}),
    redisOptions: {
      ...nodeOptions,
      ...(first.username ? { username: decodeURIComponent(first.username) } : {}),
      ...(first.password ? { password: decodeURIComponent(first.password) } : {}),
      ...(first.protocol === 'rediss:' ? { tls: {} } : {}),
    },
  };
  return new Cluster(nodes, clusterOptions);
}

function connect(target: RedisTarget, options: RedisOptions): RedisClient {
  return target.cluster ? clusterOf(target, options) : new Redis(target.urls[0] ?? '', options);
}

/**
 * Producers fail fast (the webhook must answer 503 at once when Redis is away, so WeCom retries);
 * workers and background users wait and reconnect. BullMQ's guidance for both.
 */
export function createProducerConnection(target: RedisTarget): RedisClient {
  return connect(target, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    lazyConnect: false,
    // Keep reconnecting quickly so the webhook recovers within a second of Redis returning.
    retryStrategy: (attempt) => Math.min(100 * attempt, 1_000),
  });
}

/** `keyPrefix` namespaces the app's own keys (never BullMQ's: BullMQ refuses prefixed connections). */
export function createWorkerConnection(target: RedisTarget, keyPrefix?: string): RedisClient {
  return connect(target, {
    ...(keyPrefix ? { keyPrefix } : {}),
    maxRetriesPerRequest: null,
    retryStrategy: (attempt) => Math.min(200 * attempt, 2_000),
  });
}

/** Resolves once the connection is usable (producer connections reject commands until then). */
export async function whenReady(redis: RedisClient, timeoutMs = 10_000): Promise<void> {
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
