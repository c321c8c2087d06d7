import { type Job, Worker, type WorkerOptions } from 'bullmq';
import { createBotServices } from '../src/bot/services.js';
import type { Deps } from '../src/deps.js';
import { registerAccounts } from '../src/kf/accounts.js';
import { AttachmentStore } from '../src/queues/attachments.js';
import { createWorkerConnection } from '../src/queues/connection.js';
import type {
  ComplaintTimerJob,
  InboundJob,
  OutboundJob,
  ScheduledJobData,
} from '../src/queues/definitions.js';
import { RecipientRateLimiter } from '../src/queues/recipient-rate-limit.js';
import { createComplaintTimerProcessor } from './processors/complaint-timers.js';
import { createInboundProcessor } from './processors/inbound.js';
import { withKfInbound, withKfOutbound } from './processors/kf.js';
import { createOutboundProcessor } from './processors/outbound.js';
import { createScheduledProcessor, upsertSchedulers } from './processors/scheduled.js';

export interface Workers {
  close(): Promise<void>;
}

/** Stall detection settings: defaults in production; tests shorten them to see a killed worker's job resume. */
export type WorkerTuning = Pick<WorkerOptions, 'lockDuration' | 'stalledInterval' | 'maxStalledCount'>;

export async function startWorkers(deps: Deps, tuning: WorkerTuning = {}): Promise<Workers> {
  const connection = createWorkerConnection(deps.config.redisUrl);
  connection.on('error', (err) => deps.log.warn({ err: err.message }, 'redis (workers) connection error'));
  const common = { connection, prefix: deps.queuePrefix, ...tuning };

  const kf = { models: deps.models, kf: deps.wecom.kf, outbound: deps.queues.outbound, log: deps.log };
  await registerAccounts(deps.models, deps.config.kf, deps.wecom.kf, deps.log);
  const inbound = new Worker<InboundJob>(
    'inbound',
    withKfInbound(createInboundProcessor(createBotServices(deps)), {
      conversation: kf,
      pull: {
        ...kf,
        redis: deps.redis,
        inbound: deps.queues.inbound,
        now: deps.now,
        corpId: deps.config.wecom.corpId,
        config: deps.config.kf,
        // A killed puller's accounts free up as fast as its jobs are found stalled.
        leaseMs: tuning.lockDuration ?? 30_000,
      },
    }),
    { ...common, concurrency: 16 },
  );
  const outbound = new Worker<OutboundJob>(
    'outbound',
    withKfOutbound(
      createOutboundProcessor({
        wecom: deps.wecom,
        redis: deps.redis,
        limiter: new RecipientRateLimiter(deps.redis),
        metrics: deps.metrics,
        log: deps.log,
      }),
      {
        ...kf,
        wecom: deps.wecom,
        attachments: new AttachmentStore(deps.redis),
        now: deps.now,
        timeZone: deps.config.timeZone,
      },
    ),
    { ...common, concurrency: 8 },
  );

  const scheduled = new Worker<ScheduledJobData>('scheduled', createScheduledProcessor(deps), {
    ...common,
    concurrency: 1,
  });
  await upsertSchedulers(deps.queues.scheduled, deps.config.timeZone);
  const complaintTimers = new Worker<ComplaintTimerJob>(
    'complaint-timers',
    createComplaintTimerProcessor(deps),
    { ...common, concurrency: 4 },
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

  return {
    async close() {
      await Promise.all([inbound.close(), outbound.close(), scheduled.close(), complaintTimers.close()]);
      await connection.quit().catch(() => connection.disconnect());
    },
  };
}
