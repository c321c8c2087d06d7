import { randomUUID } from 'node:crypto';
import type { Queue } from 'bullmq';
import type { Logger } from '../logger.js';
import type { InboundMessage } from '../wecom/inbound.js';
import type { RedisClient } from './connection.js';
import { DEDUPE_RETENTION_SECONDS, type InboundJob } from './definitions.js';
import { LINE_TTL_MS, lineKey } from './sender-order.js';

/**
 * The ack path's durable write: one script, one round trip. For each callback it marks the dedupe key (SET NX,
 * kept as long as a completed job), appends the callback to the arrivals stream and puts it in its sender's
 * line (SenderOrder), atomically — so once WeCom hears 200 the message is stored, deduplicated and in order.
 * A forwarder in the worker role then turns stream entries into `inbound` jobs under the same job id. Every
 * key carries the inbound queue's hash tag, so the script runs on one Redis Cluster slot.
 * KEYS: the stream, then a seen key and a line key per callback; ARGV: the two TTLs, then id, name and data
 * per callback. Answers 1 (stored) or 0 (seen before) per callback.
 */
const STORE_SCRIPT = `
local stored = {}
for i = 1, (#KEYS - 1) / 2 do
  local a = 3 * i
  if redis.call('SET', KEYS[2 * i], '1', 'NX', 'EX', ARGV[1]) then
    local id = redis.call('XADD', KEYS[1], '*', 'id', ARGV[a], 'name', ARGV[a + 1], 'data', ARGV[a + 2])
    redis.call('ZADD', KEYS[2 * i + 1], 'NX', tonumber(string.match(id, '^%d+')), ARGV[a])
    redis.call('PEXPIRE', KEYS[2 * i + 1], ARGV[2])
    stored[i] = 1
  else
    stored[i] = 0
  end
end
return stored`;

/** Renews the lease only for its holder. */
const RENEW_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) and 1 or 0`;

/** Gives the lease up on a clean stop, so the next worker does not wait for it to lapse. */
const RELEASE_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

const GROUP = 'forwarders';
/** A forwarder that stops renewing (crashed, cut off) hands over to another after this long. */
const LEASE_MS = 10_000;
const BATCH = 200;
const BLOCK_MS = 1_000;

type Scripted = RedisClient & {
  storeArrivals(keyCount: number, keys: string[], args: Array<string | number>): Promise<number[]>;
  renewLease(lease: string, token: string, ms: number): Promise<number>;
  releaseLease(lease: string, token: string): Promise<number>;
};

function scripted(redis: RedisClient): Scripted {
  if (!('storeArrivals' in redis)) {
    redis.defineCommand('storeArrivals', { lua: STORE_SCRIPT });
    redis.defineCommand('renewLease', { numberOfKeys: 1, lua: RENEW_SCRIPT });
    redis.defineCommand('releaseLease', { numberOfKeys: 1, lua: RELEASE_SCRIPT });
  }
  return redis as Scripted;
}

const keys = (queue: Queue) => ({
  /** Followed by the job id: the dedupe mark. */
  seen: queue.toKey('seen:'),
  stream: queue.toKey('arrivals'),
  lease: queue.toKey('arrivals:forwarder'),
});

/** Callbacks beyond this many in one turn of the event loop go in the next script call (Redis stays responsive). */
const MAX_BATCH = 128;

interface Waiter {
  resolve(stored: boolean): void;
  reject(error: Error): void;
}

/**
 * Stores callbacks durably before the ack. Callbacks that arrive within one turn of the event loop go to Redis
 * together, as one script call: one write, one reply, one Lua call instead of one each (the profile put
 * ioredis and its socket writes at a fifth of the webhook's CPU). Each caller still hears only of its own
 * callback, once the script has returned: true when stored, false when WeCom already delivered it (a retry);
 * an error when Redis failed or did not answer within `timeoutMs`, for the whole call. The job id is the
 * dedupe key, so a retry after the job ran is also caught by BullMQ for DEDUPE_RETENTION_SECONDS.
 */
export class ArrivalWriter {
  private readonly redis: Scripted;
  private readonly stream: string;
  private readonly seen: string;
  private keys: string[] = [];
  private args: Array<string | number> = [];
  private waiters: Waiter[] = [];
  private scheduled = false;

  constructor(
    private readonly queue: Queue<InboundJob>,
    private readonly timeoutMs: number,
  ) {
    this.redis = scripted(queue.opts.connection as RedisClient);
    ({ stream: this.stream, seen: this.seen } = keys(queue));
  }

  store(message: InboundMessage, receivedAt: Date): Promise<boolean> {
    const data: InboundJob = { message, receivedAt: receivedAt.toISOString() };
    this.keys.push(this.seen + message.dedupeKey, lineKey(this.queue, message.fromUser));
    this.args.push(message.dedupeKey, message.kind, JSON.stringify(data));
    const stored = new Promise<boolean>((resolve, reject) => this.waiters.push({ resolve, reject }));
    if (this.waiters.length >= MAX_BATCH) this.flush();
    else if (!this.scheduled) {
      this.scheduled = true;
      // After the poll phase: every request whose body came in this turn is in the batch by then.
      setImmediate(this.flush);
    }
    return stored;
  }

  private readonly flush = (): void => {
    this.scheduled = false;
    const waiters = this.waiters;
    if (waiters.length === 0) return;
    const keys = [this.stream, ...this.keys];
    const args = [DEDUPE_RETENTION_SECONDS, LINE_TTL_MS, ...this.args];
    this.keys = [];
    this.args = [];
    this.waiters = [];
    let settled = false;
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      for (const waiter of waiters) waiter.reject(error);
    };
    const timer = setTimeout(
      () => fail(new Error(`no answer from Redis within ${this.timeoutMs} ms`)),
      this.timeoutMs,
    );
    this.redis.storeArrivals(keys.length, keys, args).then((stored) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      for (let i = 0; i < waiters.length; i++) waiters[i]?.resolve(stored[i] === 1);
    }, fail);
  };
}

type Entry = [id: string, fields: string[]];

/**
 * Moves arrivals into the `inbound` queue. One forwarder at a time holds the lease, so jobs are created in
 * stream order: a person's later message never exists as a job before an earlier one (SenderOrder relies on
 * that). An entry leaves the stream only after its job was added; entries read by a forwarder that died are
 * claimed again (XAUTOCLAIM) and re-added under the same job id, which BullMQ ignores if the job exists.
 */
export class ArrivalForwarder {
  private readonly consumer = `forwarder-${randomUUID()}`;
  private readonly reader: RedisClient;
  private running = true;
  private readonly done: Promise<void>;

  constructor(
    private readonly redis: RedisClient,
    private readonly queue: Queue<InboundJob>,
    private readonly log: Logger,
  ) {
    // XREADGROUP BLOCK holds its connection; everything else shares the worker connection.
    this.reader = (redis as { duplicate(): RedisClient }).duplicate();
    this.reader.on('error', () => undefined);
    this.done = this.loop();
  }

  async close(): Promise<void> {
    this.running = false;
    this.reader.disconnect();
    await this.done;
    await scripted(this.redis)
      .releaseLease(keys(this.queue).lease, this.consumer)
      .catch(() => undefined);
  }

  private async loop(): Promise<void> {
    const k = keys(this.queue);
    while (this.running) {
      try {
        await this.ensureGroup(k.stream);
        if ((await scripted(this.redis).renewLease(k.lease, this.consumer, LEASE_MS)) !== 1) {
          await sleep(LEASE_MS / 5);
          continue;
        }
        const entries = (await this.claimPending(k.stream)) ?? (await this.readNew(k.stream));
        if (entries.length > 0) await this.forward(k.stream, entries);
      } catch (error) {
        if (!this.running) break;
        // The stream was deleted (and its group with it): made again on the next turn.
        if ((error as Error).message.includes('NOGROUP')) this.groupReady = false;
        this.log.warn({ err: (error as Error).message }, 'arrival forwarder: will try again');
        await sleep(500);
      }
    }
  }

  private groupReady = false;
  private async ensureGroup(stream: string): Promise<void> {
    if (this.groupReady) return;
    // From the stream's start ('0'): arrivals stored before any worker ever ran are forwarded too.
    await this.redis.xgroup('CREATE', stream, GROUP, '0', 'MKSTREAM').catch((error: Error) => {
      if (!error.message.includes('BUSYGROUP')) throw error;
    });
    this.groupReady = true;
  }

  /** Entries read but not handed over — by a forwarder that died, or by this one before an error. */
  private async claimPending(stream: string): Promise<Entry[] | null> {
    const [, entries] = (await this.redis.xautoclaim(
      stream,
      GROUP,
      this.consumer,
      0,
      '0-0',
      'COUNT',
      BATCH,
    )) as [string, Array<Entry | null>];
    const live = entries.filter((e): e is Entry => e !== null);
    return live.length > 0 ? live : null;
  }

  private async readNew(stream: string): Promise<Entry[]> {
    const result = (await this.reader.xreadgroup(
      'GROUP',
      GROUP,
      this.consumer,
      'COUNT',
      BATCH,
      'BLOCK',
      BLOCK_MS,
      'STREAMS',
      stream,
      '>',
    )) as Array<[string, Entry[]]> | null;
    return result?.[0]?.[1] ?? [];
  }

  private async forward(stream: string, entries: Entry[]): Promise<void> {
    const jobs = entries.map(([id, fields]) => {
      const field = (name: string) => fields[fields.indexOf(name) + 1] ?? '';
      return {
        name: field('name'),
        data: JSON.parse(field('data')) as InboundJob,
        // The line (SenderOrder) was scored with the arrival's time: the job carries the same.
        opts: { jobId: field('id'), timestamp: Number(id.split('-')[0]) },
      };
    });
    // addBulk adds in order, in one transaction.
    await this.queue.addBulk(jobs);
    const ids = entries.map(([id]) => id);
    await this.redis
      .multi()
      .xack(stream, GROUP, ...ids)
      .xdel(stream, ...ids)
      .exec();
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
