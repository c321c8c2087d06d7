import type { JobsOptions } from 'bullmq';
import { z } from 'zod';
import { TIMER_STAGES } from '../domain/complaints/sla.js';
import type { TemplateCard } from '../wecom/api/types.js';
import type { InboundMessage } from '../wecom/inbound.js';

export const QUEUE_NAMES = ['inbound', 'outbound', 'scheduled', 'complaint-timers'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

/** One WeCom callback, stored before the ack. The job id is the message's dedupe key. */
export interface InboundJob {
  message: InboundMessage;
  /** ISO time the webhook accepted it. */
  receivedAt: string;
}

export const InboundJobSchema = z.object({
  message: z.looseObject({
    kind: z.string(),
    dedupeKey: z.string().min(1),
    fromUser: z.string(),
    createTime: z.number(),
  }),
  receivedAt: z.iso.datetime(),
});

const Recipients = z.array(z.string().min(1).max(64)).min(1).max(1000);

const Attachment = {
  attachmentId: z.string().min(1),
  /** Text sent just before the image or file. */
  caption: z.string().min(1).optional(),
};

export const OutboundContentSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text'), content: z.string().min(1) }),
  z.object({ type: z.literal('markdown'), content: z.string().min(1) }),
  z.object({
    type: z.literal('textcard'),
    title: z.string().min(1).max(128),
    description: z.string().min(1).max(512),
    url: z.string().min(1),
    btntxt: z.string().max(4).optional(),
  }),
  z.object({
    type: z.literal('template_card'),
    // Producers build cards with the typed TemplateCard; the queue only checks it still looks like one.
    card: z.custom<TemplateCard>(
      (v) =>
        typeof v === 'object' && v !== null && typeof (v as { card_type?: unknown }).card_type === 'string',
      'template_card needs a card_type',
    ),
    /** Sent instead where the card cannot render (WeChat plugin). */
    fallbackText: z.string().min(1),
  }),
  // A chart or spreadsheet waiting in the AttachmentStore; uploaded with media/upload when sent.
  z.object({ type: z.literal('image'), ...Attachment }),
  z.object({ type: z.literal('file'), ...Attachment }),
]);
export type OutboundContent = z.infer<typeof OutboundContentSchema>;

/** One message to up to 1000 people. Carries ids and text, never phone numbers or tokens. */
export const OutboundJobSchema = z.object({
  touser: Recipients,
  content: OutboundContentSchema,
  /** Why it is sent (reply, reminder …): for metrics and logs. */
  purpose: z.string().min(1).max(40),
});
export type OutboundJob = z.infer<typeof OutboundJobSchema>;

/** A run of a scheduled job (reminders, charges …). `at` is the moment it runs "as of" (ISO). */
export const ScheduledJobDataSchema = z.object({ at: z.iso.datetime({ offset: true }).optional() });
export type ScheduledJobData = z.infer<typeof ScheduledJobDataSchema>;

/**
 * A complaint's time limit coming due (remind the handler, escalate, ask for a rating). Delayed until the
 * moment; the job id is complaint + stage + clock, so scheduling it again adds nothing, and a timer whose
 * complaint has moved on finds it stale and does nothing.
 */
export const ComplaintTimerJobSchema = z.object({
  complaintId: z.string().regex(/^[0-9a-f]{24}$/),
  stage: z.enum(TIMER_STAGES),
  clock: z.number().int().positive(),
});
export type ComplaintTimerJob = z.infer<typeof ComplaintTimerJobSchema>;

/** Completed jobs are kept this long so a job id keeps deduplicating WeCom's retries after completion. */
export const DEDUPE_RETENTION_SECONDS = 15 * 60;

export const DEFAULT_JOB_OPTIONS: Record<QueueName, JobsOptions> = {
  inbound: {
    attempts: 6,
    backoff: { type: 'exponential', delay: 1_000 },
    removeOnComplete: { age: DEDUPE_RETENTION_SECONDS },
    removeOnFail: { age: 7 * 24 * 3600 },
  },
  scheduled: {
    attempts: 3,
    backoff: { type: 'exponential', delay: 30_000 },
    removeOnComplete: { age: 7 * 24 * 3600 },
    removeOnFail: { age: 30 * 24 * 3600 },
  },
  'complaint-timers': {
    attempts: 5,
    backoff: { type: 'exponential', delay: 10_000 },
    removeOnComplete: { age: 30 * 24 * 3600 },
    removeOnFail: { age: 30 * 24 * 3600 },
  },
  outbound: {
    attempts: 8,
    backoff: { type: 'exponential', delay: 2_000 },
    removeOnComplete: { age: DEDUPE_RETENTION_SECONDS },
    removeOnFail: { age: 7 * 24 * 3600 },
  },
};
