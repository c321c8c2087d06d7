import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Queues } from './queues/queues.js';

export interface Metrics {
  registry: Registry;
  callbacks: Counter<'outcome'>;
  ackSeconds: Histogram<'method'>;
  sends: Counter<'outcome'>;
  wecomCalls: Counter<'api' | 'outcome'>;
}

/** One registry per process (not prom-client's global one) so tests can build several apps side by side. */
export function createMetrics(queues: Queues | null): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const metrics: Metrics = {
    registry,
    callbacks: new Counter({
      name: 'wecom_callbacks_total',
      help: 'WeCom callbacks by outcome (accepted, bad_signature, queue_unavailable …)',
      labelNames: ['outcome'],
      registers: [registry],
    }),
    ackSeconds: new Histogram({
      name: 'wecom_callback_ack_seconds',
      help: 'Time from request to answer on /wecom/callback',
      labelNames: ['method'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    sends: new Counter({
      name: 'wecom_sends_total',
      help: 'Messages handed to WeCom message/send, by outcome (sent, invalid_user, rate_deferred, failed)',
      labelNames: ['outcome'],
      registers: [registry],
    }),
    wecomCalls: new Counter({
      name: 'wecom_api_calls_total',
      help: 'WeCom API calls by api and outcome',
      labelNames: ['api', 'outcome'],
      registers: [registry],
    }),
  };
  if (queues) {
    new Gauge({
      name: 'queue_jobs',
      help: 'Jobs per queue and state',
      labelNames: ['queue', 'state'],
      registers: [registry],
      async collect() {
        for (const queue of Object.values(queues)) {
          const counts = await queue.getJobCounts('wait', 'active', 'delayed', 'failed');
          for (const [state, n] of Object.entries(counts)) this.set({ queue: queue.name, state }, Number(n));
        }
      },
    });
  }
  return metrics;
}
