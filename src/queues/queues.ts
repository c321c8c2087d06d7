import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { isBoundUserId } from '../domain/member-vocabulary.js';
import { chunk } from '../wecom/api/split-text.js';
import type { InboundMessage } from '../wecom/inbound.js';
import {
  type ComplaintTimerJob,
  DEFAULT_JOB_OPTIONS,
  type InboundJob,
  type OutboundContent,
  type OutboundJob,
  type ScheduledJobData,
} from './definitions.js';
import { fanoutDelayMs } from './send-timing.js';

export interface Queues {
  inbound: Queue<InboundJob>;
  outbound: Queue<OutboundJob>;
  scheduled: Queue<ScheduledJobData>;
  complaintTimers: Queue<ComplaintTimerJob>;
}

export function createQueues(connection: Redis, prefix = 'bull'): Queues {
  return {
    inbound: new Queue<InboundJob>('inbound', {
      connection,
      prefix,
      defaultJobOptions: DEFAULT_JOB_OPTIONS.inbound,
    }),
    outbound: new Queue<OutboundJob>('outbound', {
      connection,
      prefix,
      defaultJobOptions: DEFAULT_JOB_OPTIONS.outbound,
    }),
    scheduled: new Queue<ScheduledJobData>('scheduled', {
      connection,
      prefix,
      defaultJobOptions: DEFAULT_JOB_OPTIONS.scheduled,
    }),
    complaintTimers: new Queue<ComplaintTimerJob>('complaint-timers', {
      connection,
      prefix,
      defaultJobOptions: DEFAULT_JOB_OPTIONS['complaint-timers'],
    }),
  };
}

export async function closeQueues(queues: Queues): Promise<void> {
  await Promise.all(Object.values(queues).map((queue) => queue.close()));
}

/**
 * Stores the callback durably. The job id is the dedupe key, so WeCom's retries of the same message
 * collapse onto one job (BullMQ ignores an add whose id exists), also for a while after it completed
 * (see DEDUPE_RETENTION_SECONDS).
 */
export async function enqueueInbound(
  queue: Queue<InboundJob>,
  message: InboundMessage,
  now: Date,
): Promise<void> {
  await queue.add(message.kind, { message, receivedAt: now.toISOString() }, { jobId: message.dedupeKey });
}

/**
 * Every message to a person goes through here. `jobId` must be deterministic for the cause (no ':').
 * Members not yet bound to a WeCom account cannot be reached: they are left out here, once for every sender.
 */
export async function enqueueOutbound(
  queue: Queue<OutboundJob>,
  jobId: string,
  data: OutboundJob,
  delayMs = 0,
): Promise<void> {
  const touser = data.touser.filter(isBoundUserId);
  if (touser.length === 0) return;
  await queue.add(data.purpose, { ...data, touser }, { jobId, delay: delayMs });
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
