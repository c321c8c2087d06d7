import type { Queue } from 'bullmq';
import type { FollowUpStore } from '../bot/follow-up.js';
import { categoryLabel } from '../domain/complaints/categories.js';
import { STATE_LABELS } from '../domain/complaints/lifecycle.js';
import {
  acceptLimitMs,
  DEFAULT_SLA,
  formatLimit,
  isLive,
  plannedTimers,
  resolveLimitMs,
  type SlaSettings,
  type Timer,
  type TimerStage,
} from '../domain/complaints/sla.js';
import type { Complaint } from '../models/complaint.js';
import type { Models } from '../models/index.js';
import type { ComplaintTimerJob, OutboundJob } from '../queues/definitions.js';
import { enqueueOutbound } from '../queues/queues.js';
import { reporterText } from './access.js';
import type { ComplaintDoc } from './changes.js';
import { expectRating } from './follow-ups.js';
import { formatTime, mine, placeText, rateInvitation } from './messages.js';
import { escalationFor } from './routing.js';

/** The community's limits, or the defaults for a community stored before they existed. */
export const slaOf = (community: { complaintSla?: Partial<SlaSettings> | null } | null): SlaSettings => ({
  ...DEFAULT_SLA,
  ...(community?.complaintSla ?? {}),
});

/** Job id of a timer: one per complaint, stage and clock, so scheduling twice adds one job. */
export const timerJobId = (complaintId: unknown, t: Pick<Timer, 'stage' | 'clock'>) =>
  `cpl-${String(complaintId)}-${t.stage}-${t.clock}`;

/** Delayed jobs for every timer the complaint's present state has. Safe to call after every change. */
export async function scheduleTimers(
  queue: Queue<ComplaintTimerJob>,
  complaint: ComplaintDoc,
  sla: SlaSettings,
  now: Date,
): Promise<void> {
  const timers = plannedTimers(complaint, sla);
  await queue.addBulk(
    timers.map((t) => ({
      name: t.stage,
      data: { complaintId: String(complaint._id), stage: t.stage, clock: t.clock },
      opts: { jobId: timerJobId(complaint._id, t), delay: Math.max(0, t.at.getTime() - now.getTime()) },
    })),
  );
}

export interface TimerIo {
  models: Models;
  outbound: Queue<OutboundJob>;
  /** The rating reminder asks the reporter again: their plain 「满意」 must be read as the answer. */
  followUps: FollowUpStore;
  timeZone: string;
}

interface Message {
  to: string[];
  text: string;
  role: string;
}

async function messagesFor(
  io: TimerIo,
  c: Complaint & { _id: unknown },
  stage: TimerStage,
  sla: SlaSettings,
) {
  const what = `诉求 ${c.number}（${categoryLabel(c.category)}，${placeText(c)}）`;
  const acceptLimit = formatLimit(acceptLimitMs(sla, c.tier));
  const resolveLimit = formatLimit(resolveLimitMs(sla, c.tier));
  const reporter = reporterText(c.reporter, true);
  // The deadline in every escalation: a complaint reassigned and back may escalate to the same people again
  // within WeCom's 4-hour duplicate check, which would drop an identical text.
  const due = (deadline: Date) => `${formatTime(deadline, io.timeZone)}到期`;
  const messages: Message[] = [];
  /** Past a time limit: the handler hears who now knows (and is urged on); those above get the case. */
  const escalate = async (
    step: string,
    limit: string,
    deadline: Date,
    urge: string,
    alert: (when: string) => string,
  ) => {
    const { to, told } = await escalationFor(io.models, c.communityId, c.handlerUserId);
    const when = due(deadline);
    messages.push(
      {
        to: [c.handlerUserId],
        role: 'h',
        text: `${what}已超过${step}时限（${limit}，${when}），${told}${urge}。`,
      },
      { to, role: 's', text: alert(when) },
    );
  };
  switch (stage) {
    case 'accept-remind':
      messages.push({
        to: [c.handlerUserId],
        role: 'h',
        text: `提醒：${what}还未受理，请在${formatTime(c.acceptDeadline, io.timeZone)}前受理。回复「受理 ${c.number}」。`,
      });
      break;
    case 'accept-escalate':
      await escalate(
        '受理',
        acceptLimit,
        c.acceptDeadline,
        '请尽快受理',
        (when) =>
          `【超时未受理】${what}${acceptLimit}内无人受理（${when}），承办人${c.handlerName}。反映人：${reporter}。\n可发「转派 ${c.number} 网格或姓名」改派。`,
      );
      break;
    case 'resolve-remind':
      messages.push({
        to: [c.handlerUserId],
        role: 'h',
        text: `提醒：${what}应在${formatTime(c.resolveDeadline, io.timeZone)}前办结。办好后回复「办结 ${c.number} 处理结果」，可附照片。`,
      });
      break;
    case 'resolve-escalate':
      await escalate(
        '办结',
        resolveLimit,
        c.resolveDeadline,
        '请抓紧办理',
        (when) =>
          `【超时未办结】${what}现在「${STATE_LABELS[c.state]}」，办结时限${resolveLimit}已到（${when}），承办人${c.handlerName}。反映人：${reporter}。`,
      );
      break;
    case 'rate-remind':
      messages.push({
        to: [c.reporter.userId],
        role: 'r',
        text: `${mine(c)}已办结${sla.rateReminderDays}天了，还没有收到您的评价。${rateInvitation(c)}`,
      });
      break;
  }
  return messages.filter((m) => m.to.length > 0);
}

/**
 * A timer comes due: checks the complaint still waits on it (else does nothing: it was accepted, resolved,
 * reassigned …), claims it, enqueues the messages under ids derived from the timer, marks it sent. Reached
 * twice (the delayed job and the sweep, or a retry), it sends once.
 */
export async function fireTimer(io: TimerIo, job: ComplaintTimerJob, now: Date): Promise<string> {
  const { models } = io;
  const complaint = await models.Complaint.findById(job.complaintId);
  if (!complaint) return 'gone';
  const community = await models.Community.findById(complaint.communityId);
  const sla = slaOf(community);
  if (!isLive(complaint, sla, job, now)) return 'stale';
  const key = { complaintId: complaint._id, stage: job.stage, clock: job.clock };
  try {
    await models.ComplaintTimer.create({ ...key, state: 'pending' });
  } catch (error) {
    if ((error as { code?: number }).code !== 11000) throw error;
    const claimed = await models.ComplaintTimer.findOne(key).lean();
    if (claimed?.state === 'sent') return 'already sent';
  }
  const base = timerJobId(complaint._id, job);
  for (const m of await messagesFor(
    { ...io, timeZone: community?.timeZone ?? io.timeZone },
    complaint,
    job.stage,
    sla,
  )) {
    await enqueueOutbound(io.outbound, `${base}-${m.role}`, {
      touser: m.to,
      content: { type: 'text', content: m.text },
      purpose: 'complaint-timer',
    });
  }
  if (job.stage === 'rate-remind' && complaint.reporter.userId)
    await expectRating(io.followUps, complaint.reporter.userId, complaint.number);
  await models.ComplaintTimer.updateOne(key, { $set: { state: 'sent' } });
  return 'sent';
}
