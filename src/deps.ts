import mongoose, { type Connection } from 'mongoose';
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import { createMetrics, type Metrics } from './metrics.js';
import { createModels, type Models, syncIndexes } from './models/index.js';
import type { RedisClient } from './queues/connection.js';
import { createProducerConnection, createWorkerConnection, whenReady } from './queues/connection.js';
import { closeQueues, createQueues, type Queues } from './queues/queues.js';
import { type WecomApi, WecomApiClient } from './wecom/api/client.js';
import type { CallbackSecrets } from './wecom/callback.js';
import { parseEncodingAesKey } from './wecom/crypto.js';

/** Everything handlers and jobs use, built once per process. Nothing else reads process.env or globals. */
export interface Deps {
  config: Config;
  log: Logger;
  /** General-purpose connection that waits out Redis outages (token cache, rate limits, sent marks). */
  redis: RedisClient;
  /** Fails fast: used only to enqueue, so the webhook can answer 503 instead of hanging. */
  producerRedis: RedisClient;
  queues: Queues;
  queuePrefix: string;
  /** Not opened in the web role: acking a callback needs Redis alone, so web starts and serves without MongoDB. */
  db: Connection;
  models: Models;
  wecom: WecomApi;
  metrics: Metrics;
  secrets: CallbackSecrets;
  now: () => Date;
  close(): Promise<void>;
}

export interface BuildOptions {
  /** BullMQ key prefix; tests give each file its own. */
  queuePrefix?: string;
  /** Prefix of the app's own Redis keys (token cache, rate limits, sent marks); tests isolate with it. */
  redisKeyPrefix?: string;
  now?: () => Date;
}

export async function buildDeps(config: Config, log: Logger, options: BuildOptions = {}): Promise<Deps> {
  const queuePrefix = options.queuePrefix ?? 'bull';
  const redis = createWorkerConnection(config.redis, options.redisKeyPrefix);
  const producerRedis = createProducerConnection(config.redis);
  redis.on('error', (err) => log.warn({ err: err.message }, 'redis connection error'));
  producerRedis.on('error', (err) => log.warn({ err: err.message }, 'redis (producer) connection error'));
  await Promise.all([whenReady(redis), whenReady(producerRedis)]);

  const now = options.now ?? (() => new Date());
  // Records' createdAt/updatedAt come from the same clock as the handlers that compare against them
  // (duplicate windows, 撤销 windows, monthly figures); a Mongoose instance of its own carries it.
  const clocked = new mongoose.Mongoose();
  clocked.now = now;
  const usesMongo = config.role !== 'web';
  const db = usesMongo
    ? clocked.createConnection(config.mongodbUri, { serverSelectionTimeoutMS: 10_000 })
    : clocked.createConnection();
  const models = createModels(db);
  if (usesMongo) {
    await db.asPromise();
    await syncIndexes(models);
  }

  const queues = createQueues(producerRedis, queuePrefix);
  for (const queue of Object.values(queues)) {
    queue.on('error', (err: Error) =>
      log.warn({ err: err.message, queue: queue.name }, 'queue connection error'),
    );
  }
  const metrics = createMetrics(queues);
  const wecom = new WecomApiClient({
    apiBase: config.wecom.apiBase,
    corpId: config.wecom.corpId,
    agentId: config.wecom.agentId,
    secret: config.wecom.secret,
    redis,
    log,
    onCall: (api, outcome) => metrics.wecomCalls.inc({ api, outcome }),
  });

  return {
    config,
    log,
    redis,
    producerRedis,
    queues,
    queuePrefix,
    db,
    models,
    wecom,
    metrics,
    secrets: {
      corpId: config.wecom.corpId,
      token: config.wecom.token,
      aes: parseEncodingAesKey(config.wecom.encodingAesKey),
    },
    now,
    async close() {
      await closeQueues(queues);
      await db.close();
      await Promise.all([redis.quit(), producerRedis.quit()].map((p) => p.catch(() => undefined)));
    },
  };
}
