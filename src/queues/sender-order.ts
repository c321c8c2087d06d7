import { DelayedError, type Job, type Queue, UnrecoverableError } from 'bullmq';
import type { RedisClient } from './connection.js';

/** A parked job looks again after this long, if the job ahead of it has not woken it sooner. */
const PARK_MS = 2_000;
/** Lines of people who stopped writing are dropped after a day. */
export const LINE_TTL_MS = 24 * 3600_000;

/** `key`'s line on `queue`: under the queue's hash tag, beside its jobs. */
export const lineKey = (queue: Pick<Queue, 'toKey'>, key: string): string => queue.toKey(`line:${key}`);

/**
 * One person's jobs strictly in the order they were stored, while different people run in parallel (BullMQ's
 * open-source edition has no groups). Each person has a line in Redis — a sorted set of job ids by the time
 * the job was stored — joined by the producer right after storing the job. A worker runs a job only when it
 * heads its line; otherwise the job is parked (moved to delayed, costing no worker slot) and woken by the
 * job ahead when that one finishes. The head keeps its place through retries and back-offs, so a message
 * retried after a database hiccup still goes before the ones sent after it; a crashed head comes back through
 * BullMQ's stall detection. A head whose job is gone or finished for good is dropped by whoever sees it.
 */
export class SenderOrder {
  constructor(
    private readonly redis: RedisClient,
    private readonly queue: Queue,
  ) {}

  private line(key: string) {
    return lineKey(this.queue, key);
  }

  /** The producer's side: `job` joins `key`'s line. */
  async join(key: string, job: Pick<Job, 'id' | 'timestamp'>): Promise<void> {
    if (!job.id) return;
    const line = this.line(key);
    await this.redis.multi().zadd(line, 'NX', job.timestamp, job.id).pexpire(line, LINE_TTL_MS).exec();
  }

  /**
   * Resolves when `job` heads `key`'s line. Otherwise parks the job and throws BullMQ's DelayedError, which
   * ends this run without counting an attempt.
   */
  async awaitTurn(key: string, job: Job, token: string | undefined): Promise<void> {
    const id = job.id ?? '';
    // Joins now too, in case the producer could not (it died between storing the job and joining).
    let head = await this.joinAndLook(key, job);
    while (head !== id && head !== null && (await this.finished(head))) {
      await this.redis.zrem(this.line(key), head);
      head = await this.head(key);
    }
    if (head === id || head === null) return;
    await job.moveToDelayed(Date.now() + PARK_MS, token);
    // The job ahead may have finished between our look and the parking, and found us not yet parked.
    if ((await this.head(key)) === id) await job.promote().catch(() => undefined);
    throw new DelayedError();
  }

  /** `job` is done with (completed, or failed for good): the next in line is woken if it was parked. */
  async leave(key: string, job: Job): Promise<void> {
    const line = this.line(key);
    const results = await this.redis
      .multi()
      .zrem(line, job.id ?? '')
      .zrange(line, '0', '0')
      .exec();
    const next = (results?.[1]?.[1] as string[] | undefined)?.[0];
    if (!next) return;
    // Parked means delayed: one look at the queue's delayed set instead of loading the job.
    if ((await this.redis.zscore(this.queue.toKey('delayed'), next)) === null) return;
    await (await this.queue.getJob(next))?.promote().catch(() => undefined);
  }

  /** Joins the line (if not in it yet) and returns its head, in one round trip. */
  private async joinAndLook(key: string, job: Pick<Job, 'id' | 'timestamp'>): Promise<string | null> {
    const line = this.line(key);
    const results = await this.redis
      .multi()
      .zadd(line, 'NX', job.timestamp, job.id ?? '')
      .pexpire(line, LINE_TTL_MS)
      .zrange(line, '0', '0')
      .exec();
    return (results?.[2]?.[1] as string[] | undefined)?.[0] ?? null;
  }

  private async head(key: string): Promise<string | null> {
    const [first] = await this.redis.zrange(this.line(key), '0', '0');
    return first ?? null;
  }

  private async finished(jobId: string): Promise<boolean> {
    const job = await this.queue.getJob(jobId);
    if (!job) return true;
    const state = await job.getState();
    return state === 'completed' || state === 'failed' || state === 'unknown';
  }
}

/** Runs `work` in `key`'s turn and gives the turn up when the job is done — now or never (its last attempt). */
export async function inTurn<T>(
  order: SenderOrder,
  key: string,
  job: Job,
  token: string | undefined,
  work: () => Promise<T>,
): Promise<T> {
  await order.awaitTurn(key, job, token);
  let keep = false;
  try {
    return await work();
  } catch (error) {
    // Parked again (rate limit) or retried later: it keeps its place so nobody behind overtakes it.
    const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    keep = error instanceof DelayedError || (!lastAttempt && !(error instanceof UnrecoverableError));
    throw error;
  } finally {
    if (!keep) await order.leave(key, job);
  }
}
