import { randomUUID } from 'node:crypto';
import { Cluster } from 'ioredis';
import { localCorp, localCorpConfig } from '../../src/cli/env.js';
import type { Config } from '../../src/config.js';
import type { DevtoolsOptions } from '../../src/devtools/dev-config.js';
import { devRoutes } from '../../src/devtools/dev-routes.js';
import { createLogger, type Logger } from '../../src/logger.js';
import type { RedisClient } from '../../src/queues/connection.js';
import { type Runtime, type RuntimeOptions, startRuntime } from '../../src/runtime.js';
import { WecomCallbackClient } from '../../src/standin/callback-client.js';
import {
  type FakeWecomApi,
  type FakeWecomApiOptions,
  type RecordedMessage,
  startFakeWecomApi,
} from '../../src/standin/fake-wecom-api.js';
import { type TestClock, testClock } from './clock.js';

export const corp = localCorp();

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
/** The local 3-master cluster scripts/services.sh starts (REDIS_CLUSTER_PORTS). */
export const REDIS_CLUSTER_URL =
  process.env.REDIS_CLUSTER_URL ?? 'redis://127.0.0.1:7001,redis://127.0.0.1:7002,redis://127.0.0.1:7003';
export const MONGO_BASE = process.env.MONGODB_BASE ?? 'mongodb://127.0.0.1:27017';

export interface TestBot {
  /** This bot's MongoDB database, BullMQ prefix and Redis key prefix (with a trailing ':'). */
  ns: string;
  runtime: Runtime;
  config: Config;
  /** The bot's clock (fixed, see clock.ts); WeCom's timestamps and CreateTime are read from it too. */
  clock: TestClock;
  standin: FakeWecomApi;
  /** Plays WeCom: signs, encrypts and posts callbacks to the bot. */
  wecom: WecomCallbackClient;
  url: string;
  /** Sends a text as `userId` through the webhook and returns the text of the bot's next message to them. */
  say(userId: string, text: string): Promise<string>;
  /** Waits until `userid` has received at least `count` messages on the stand-in, and returns them. */
  messagesTo(userid: string, count?: number, timeoutMs?: number): Promise<RecordedMessage[]>;
  close(): Promise<void>;
}

export interface TestBotOptions extends Omit<RuntimeOptions, 'now'> {
  /** The instant the bot's clock starts at (ISO with offset); ORDINARY_DAY unless given. */
  at?: string;
  users?: string[];
  redisUrl?: string;
  role?: 'all' | 'web' | 'worker';
  /** Serves /dev against this bot's stand-in. */
  devtools?: Omit<DevtoolsOptions, 'standinUrl'>;
  /** Extra environment, e.g. NODE_ENV. */
  env?: Record<string, string>;
  /** 微信客服 accounts on the stand-in. */
  kfAccounts?: FakeWecomApiOptions['kfAccounts'];
  /** The stand-in keeps real time, as workers in child processes do (their clock cannot be set). */
  realTimeStandin?: boolean;
  /** Where the bot logs; silent unless TEST_LOG_LEVEL says otherwise. */
  log?: Logger;
}

/** A test-only namespace: its own MongoDB database, BullMQ prefix and Redis key prefix. */
export function testNamespace(): string {
  return `t${randomUUID().replaceAll('-', '').slice(0, 12)}`;
}

export function testConfig(standinUrl: string, ns: string, overrides: Record<string, string> = {}): Config {
  return localCorpConfig(standinUrl, {
    ROLE: 'all',
    NODE_ENV: 'test',
    PORT: '0',
    INTERNAL_PORT: '0',
    MONGODB_URI: `${MONGO_BASE}/${ns}`,
    REDIS_URL,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...overrides,
  });
}

export async function waitFor<T>(
  probe: () => T | Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The whole bot (web + workers) on a random port, talking to a fresh WeCom stand-in. */
export async function startTestBot(options: TestBotOptions = {}): Promise<TestBot> {
  const ns = testNamespace();
  const clock = testClock(options.at);
  const users = options.users ?? ['lijianguo', 'wangguilan', 'zhaoxiuying', 'chenshufen'];
  const standin = await startFakeWecomApi({
    corpId: corp.corpId,
    secret: corp.secret,
    agentId: corp.agentId,
    users: users.map((userid) => ({ userid, name: userid })),
    ...(options.kfAccounts && { kfAccounts: options.kfAccounts }),
    // 微信客服's 48 h window, 3-day log and 10-minute tokens run on the bot's clock.
    ...(!options.realTimeStandin && { now: () => clock.now() }),
  });
  const config = testConfig(standin.url, ns, {
    ROLE: options.role ?? 'all',
    ...(options.redisUrl ? { REDIS_URL: options.redisUrl } : {}),
    ...options.env,
  });
  const runtime = await startRuntime(config, options.log ?? createLogger(config.logLevel), {
    queuePrefix: ns,
    redisKeyPrefix: `${ns}:`,
    host: '127.0.0.1',
    ...options,
    now: clock.now,
    ...(options.devtools ? { routes: devRoutes({ ...options.devtools, standinUrl: standin.url }) } : {}),
  });
  const url = runtime.url ?? '';
  const wecom = new WecomCallbackClient({ ...corp, botUrl: `${url}/wecom/callback`, now: clock.now });
  return {
    ns,
    runtime,
    config,
    clock,
    standin,
    wecom,
    url,
    async say(userId, text) {
      const before = standin.messages({ touser: userId }).length;
      const { status } = await wecom.sendText(userId, text);
      if (status !== 200) throw new Error(`the webhook answered ${status} to ${userId}'s "${text}"`);
      const messages = await waitFor(
        () => standin.messages({ touser: userId }),
        (m) => m.length > before,
        10_000,
        `a reply to ${userId}'s "${text}"`,
      );
      return textOf(messages[before]);
    },
    messagesTo: (userid, count = 1, timeoutMs = 10_000) =>
      waitFor(
        () => standin.messages({ touser: userid }),
        (m) => m.length >= count,
        timeoutMs,
        `${count} message(s) to ${userid}`,
      ),
    async close() {
      await runtime.workers?.close();
      const { queues, db, redis } = runtime.deps;
      await Promise.all([
        queues.inbound.obliterate({ force: true }),
        queues.outbound.obliterate({ force: true }),
        queues.complaintTimers.obliterate({ force: true }),
        queues.scheduled.obliterate({ force: true }),
      ]);
      // The webhook's arrivals stream (src/queues/arrivals.ts) is no BullMQ key: obliterate leaves it.
      await (queues.inbound.opts.connection as RedisClient).del(queues.inbound.toKey('arrivals'));
      await deleteNamespace(redis, ns);
      // The web role never opens MongoDB: nothing of its own to drop.
      if (config.role !== 'web') await db.dropDatabase();
      await runtime.close();
      await standin.close();
    },
  };
}

/**
 * Deletes this bot's own Redis keys (`<ns>:…`). On a cluster, each master holds part of them, so each is asked
 * itself, and keys are deleted one by one (a multi-key DEL must stay in one slot).
 */
async function deleteNamespace(redis: RedisClient, ns: string): Promise<void> {
  const nodes = redis instanceof Cluster ? redis.nodes('master') : [redis];
  for (const node of nodes) {
    // KEYS is not prefixed by ioredis, DEL is: take the prefix off what KEYS returns.
    const keys = (await node.keys(`${ns}:*`)).map((k) => k.slice(`${ns}:`.length));
    if (redis instanceof Cluster) for (const key of keys) await redis.del(key);
    else if (keys.length > 0) await redis.del(...keys);
  }
}

/** What the help reply always contains. */
export const HELP_REPLY = /我是社区「党建助手」/;

/** The text of a recorded text message. */
export const textOf = (m: RecordedMessage | undefined): string => {
  const text = m?.body.text as { content?: string } | undefined;
  return text?.content ?? '';
};
