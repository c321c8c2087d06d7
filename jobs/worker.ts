import { type Job, Worker, type WorkerOptions } from 'bullmq';
import { createBotServices } from '../src/bot/services.js';
import type { Deps } from '../src/deps.js';
import { registerAccounts } from '../src/kf/accounts.js';
import { ArrivalForwarder } from '../src/queues/arrivals.js';
import { AttachmentStore } from '../src/queues/attachments.js';
import { createWorkerConnection } from '../src/queues/connection.js';
import type {
  ComplaintTimerJob,
  InboundJob,
  OutboundJob,
  ScheduledJobData,
} from '../src/queues/definitions.js';
import { queuePrefix } from '../src/queues/queues.js';
import { RecipientRateLimiter } from '../src/queues/recipient-rate-limit.js';
import { SenderOrder } from '../src/queues/sender-order.js';
import { createComplaintTimerProcessor } from './processors/complaint-timers.js';
import { createInboundProcessor } from './processors/inbound.js';
import { withKfInbound, withKfOutbound } from './processors/kf.js';
import { createOutboundProcessor } from './processors/outbound.js';
import { createScheduledProcessor, reconcileSchedulers } from './processors/scheduled.js';

export interface Workers {
  /** True while every BullMQ worker of this process is running (the worker role's liveness). */
  running(): boolean;
  close(): Promise<void>;
}

/** Stall detection settings: defaults in production; tests shorten them to see a killed worker's job resume. */
export type WorkerTuning = Pick<WorkerOptions, 'lockDuration' | 'stalledInterval' | 'maxStalledCount'>;

/**
 * A person waits for the answer and for the replies: a job of a worker that died is taken up by another within
 * 12 s (the lock lapses ≤ 8 s after the last renewal, the stall check runs every 4 s), not BullMQ's 30 s + 30 s.
 * A slow job is not taken for dead: its worker renews the lock every 4 s for as long as it runs (BullMQ's
 * lockRenewTime, half the lock), which only a blocked event loop — over 8 s — would miss.
 */
export const CONVERSATION_TUNING: WorkerTuning = { lockDuration: 8_000, stalledInterval: 4_000 };

export async function startWorkers(deps: Deps, tuning: WorkerTuning = {}): Promise<Workers> {
  const connection = createWorkerConnection(deps.config.redis);
  connection.on('error', (err) => deps.log.warn({ err: err.message }, 'redis (workers) connection error'));
  const options = (queue: string) => ({
    connection,
    prefix: queuePrefix(deps.queuePrefix, queue),
    ...tuning,
  });
  const conversation = (queue: string) => ({ ...options(queue), ...CONVERSATION_TUNING, ...tuning });

  const kf = { models: deps.models, kf: deps.wecom.kf, outbound: deps.queues.outbound, log: deps.log };
  await registerAccounts(deps.models, deps.config.kf, deps.wecom.kf, deps.log);
  const services = createBotServices(deps);
  const inboundOrder = new SenderOrder(connection, deps.queues.inbound);
  // Callbacks stored by the webhook (the arrivals stream) become inbound jobs, in the order they came.
  const forwarder = new ArrivalForwarder(connection, deps.queues.inbound, deps.log);
  const inbound = new Worker<InboundJob>(
    'inbound',
    withKfInbound(createInboundProcessor(services, inboundOrder), {
      services,
      order: inboundOrder,
      conversation: kf,
      pull: {
        ...kf,
        redis: deps.redis,
        inbound: deps.queues.inbound,
        now: deps.now,
        corpId: deps.config.wecom.corpId,
        config: deps.config.kf,
        // A killed puller's account frees up as its jobs are found stalled (a page of 1000 fits well inside).
        leaseMs: tuning.lockDuration ?? 30_000,
      },
    }),
    { ...conversation('inbound'), concurrency: 16 },
  );
  const outboundOrder = new SenderOrder(connection, deps.queues.outbound);
  const outbound = new Worker<OutboundJob>(
    'outbound',
    withKfOutbound(
      createOutboundProcessor({
        wecom: deps.wecom,
        order: outboundOrder,
        redis: deps.redis,
        limiter: new RecipientRateLimiter(deps.redis),
        metrics: deps.metrics,
        log: deps.log,
      }),
      {
        ...kf,
        order: outboundOrder,
        wecom: deps.wecom,
        attachments: new AttachmentStore(deps.redis),
        now: deps.now,
        timeZone: deps.config.timeZone,
      },
    ),
    { ...conversation('outbound'), concurrency: 8 },
  );

  const scheduled = new Worker<ScheduledJobData>('scheduled', createScheduledProcessor(deps), {
    ...options('scheduled'),
    concurrency: 1,
  });
  await reconcileSchedulers(deps.queues.scheduled, deps.config.timeZone, deps.log);
  const complaintTimers = new Worker<ComplaintTimerJob>(
    'complaint-timers',
    createComplaintTimerProcessor(deps),
    { ...options('complaint-timers'), concurrency: 4 },
  );

  for (const worker of [inbound, outbound, scheduled, complaintTimers]) {
    // Without an error listener a Redis hiccup becomes an unhandled error that kills the process.
    worker.on('error', (err) => deps.log.error({ err, queue: worker.name }, 'worker error'));
    worker.on('failed', (job: Job | undefined, err) => {
      const final = !job || job.attemptsMade >= (job.opts.attempts ?? 1) || err.name === 'UnrecoverableError';
      // Only the final attempt is worth an error line; earlier ones are retried by design.
      if (final) deps.log.error({ err, queue: worker.name, jobId: job?.id }, 'job failed for good');
      else
        deps.log.warn(
          { err: err.message, queue: worker.name, jobId: job?.id },
          'job attempt failed; will retry',
        );
    });
  }

  const all = [inbound, outbound, scheduled, complaintTimers];
  return {
    running: () => all.every((worker) => worker.isRunning()),
    async close() {
      await forwarder.close();
      await Promise.all([inbound.close(), outbound.close(), scheduled.close(), complaintTimers.close()]);
      await connection.quit().catch(() => connection.disconnect());
    },
  };
}
