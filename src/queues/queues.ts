import { Queue } from 'bullmq';
import { isBoundUserId } from '../domain/member-vocabulary.js';
import { externalUserIdOf, isKfAddress } from '../kf/address.js';
import { chunk } from '../wecom/api/split-text.js';
import type { RedisClient } from './connection.js';
import {
  type ComplaintTimerJob,
  DEFAULT_JOB_OPTIONS,
  type InboundJob,
  type OutboundContent,
  type OutboundJob,
  type QueueName,
  type ScheduledJobData,
} from './definitions.js';
import { fanoutDelayMs } from './send-timing.js';
import { SenderOrder } from './sender-order.js';

export interface Queues {
  inbound: Queue<InboundJob>;
  outbound: Queue<OutboundJob>;
  scheduled: Queue<ScheduledJobData>;
  complaintTimers: Queue<ComplaintTimerJob>;
}

/**
 * The BullMQ prefix of one queue: a hash tag per queue, so every key of the queue (and so every script
 * BullMQ runs on it) lands in one Redis Cluster slot, while different queues spread over the cluster.
 */
export const queuePrefix = (base: string, queue: string): string => `{${base}:${queue}}`;

/** One queue under `base`, in its own Cluster slot (queuePrefix), with the job options its name is given. */
export const openQueue = <T>(connection: RedisClient, base: string, name: QueueName): Queue<T> =>
  new Queue<T>(name, {
    connection,
    prefix: queuePrefix(base, name),
    defaultJobOptions: DEFAULT_JOB_OPTIONS[name],
  });

export function createQueues(connection: RedisClient, base = 'bull'): Queues {
  return {
    inbound: openQueue<InboundJob>(connection, base, 'inbound'),
    outbound: openQueue<OutboundJob>(connection, base, 'outbound'),
    scheduled: openQueue<ScheduledJobData>(connection, base, 'scheduled'),
    complaintTimers: openQueue<ComplaintTimerJob>(connection, base, 'complaint-timers'),
  };
}

export async function closeQueues(queues: Queues): Promise<void> {
  await Promise.all(Object.values(queues).map((queue) => queue.close()));
}

/** The line a person's jobs on `queue` wait in, over the queue's own connection. */
export const orderOf = (queue: Queue): SenderOrder =>
  new SenderOrder(queue.opts.connection as RedisClient, queue);

/** Replies to one person go out in the order they were written; notices and reminders need no order. */
export const orderedRecipient = (data: OutboundJob): string | null =>
  data.purpose === 'reply' && data.touser.length === 1 ? (data.touser[0] ?? null) : null;

/** Outbound jobs for residents on plain WeChat carry this name: the worker sends them through 微信客服. */
export const KF_JOB = 'kf';

/**
 * Every message to a person goes through here. `jobId` must be deterministic for the cause (no ':').
 * Residents on plain WeChat (kf addresses) get a job each, sent under kf's own rules (src/kf/send.ts).
 * Members not yet bound to a WeCom account cannot be reached: they are left out here, once for every sender.
 */
export async function enqueueOutbound(
  queue: Queue<OutboundJob>,
  jobId: string,
  data: OutboundJob,
  delayMs = 0,
): Promise<void> {
  const touser = data.touser.filter(isBoundUserId);
  const members = touser.filter((u) => !isKfAddress(u));
  const jobs = [];
  if (members.length > 0) {
    const memberJob = { ...data, touser: members };
    jobs.push({ data: memberJob, job: await queue.add(data.purpose, memberJob, { jobId, delay: delayMs }) });
  }
  for (const resident of touser.filter(isKfAddress)) {
    const kfJob = { ...data, touser: [resident] };
    const kfJobId = `${jobId}-kf-${externalUserIdOf(resident)}`;
    jobs.push({ data: kfJob, job: await queue.add(KF_JOB, kfJob, { jobId: kfJobId, delay: delayMs }) });
  }
  for (const { data: sent, job } of jobs) {
    const recipient = orderedRecipient(sent);
    if (recipient) await orderOf(queue).join(recipient, job);
  }
}

/** WeCom takes at most 1000 recipients per message/send call. */
export const MAX_RECIPIENTS_PER_SEND = 1000;

/**
 * One message to many people (a reminder, a notice): one outbound job per 1000 recipients, with ids
 * derived from `baseJobId` so re-running the scheduled job that calls this enqueues nothing new, and
 * timed away from the crowded minutes.
 */
export async function enqueueFanout(
  queue: Queue<OutboundJob>,
  baseJobId: string,
  recipients: readonly string[],
  content: OutboundContent,
  purpose: string,
  scheduledAt: Date,
): Promise<number> {
  const batches = chunk([...new Set(recipients.filter(isBoundUserId))], MAX_RECIPIENTS_PER_SEND);
  const delay = fanoutDelayMs(scheduledAt);
  await queue.addBulk(
    batches.map((touser, index) => ({
      name: purpose,
      data: { touser, content, purpose },
      opts: { jobId: `${baseJobId}-b${index}`, delay },
    })),
  );
  return batches.length;
}
