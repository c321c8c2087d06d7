import type { Types } from 'mongoose';
import { FollowUpStore } from '../../src/bot/follow-up.js';
import { fireTimer, slaOf } from '../../src/complaints/timers.js';
import { OPEN_STATES } from '../../src/domain/complaints/lifecycle.js';
import { plannedTimers, type Timer, timerKey } from '../../src/domain/complaints/sla.js';
import type { Complaint } from '../../src/models/complaint.js';
import type { ScheduledJob } from './types.js';

/** Left to the complaint's own delayed job first: the sweep only takes timers this long overdue. */
const GRACE_MS = 5 * 60_000;
/** Resolved complaints older than this are past any rating reminder. */
const RESOLVED_WINDOW_MS = 30 * 24 * 3600 * 1000;
const BATCH = 500;

type Clocked = Pick<
  Complaint,
  | 'communityId'
  | 'state'
  | 'acceptClock'
  | 'assignedAt'
  | 'acceptDeadline'
  | 'resolveClock'
  | 'openedAt'
  | 'resolveDeadline'
  | 'resolvedAt'
> & { _id: Types.ObjectId };

/**
 * Every quarter hour: fires any complaint timer that came due and was missed (its delayed job lost with a
 * Redis flush, a worker down at the time). Reminders whose deadline has passed are not sent late; the
 * escalation speaks instead. Fires through the same claim as the delayed jobs, so nothing goes out twice.
 */
export const complaintSweep: ScheduledJob = {
  name: 'complaint-sweep',
  summary: '每15分钟补发漏掉的诉求超时提醒、上报和评价提醒（不会重复发送）',
  pattern: '*/15 * * * *',
  async run({ deps, at, log }) {
    const { models } = deps;
    const io = {
      models,
      outbound: deps.queues.outbound,
      followUps: new FollowUpStore(deps.redis),
      timeZone: deps.config.timeZone,
    };
    const slas = new Map(
      (await models.Community.find({}, { complaintSla: 1 }).lean()).map((c) => [String(c._id), slaOf(c)]),
    );
    let checked = 0;
    let fired = 0;
    const sweep = async (batch: Clocked[]) => {
      const due = batch.flatMap((c) =>
        plannedTimers(c, slas.get(String(c.communityId)) ?? slaOf(null))
          .filter((t) => t.at.getTime() <= at.getTime() - GRACE_MS)
          .map((t): [Clocked, Timer] => [c, t]),
      );
      if (due.length === 0) return;
      const sent = new Set(
        (
          await models.ComplaintTimer.find(
            { complaintId: { $in: due.map(([c]) => c._id) }, state: 'sent' },
            { complaintId: 1, stage: 1, clock: 1 },
          ).lean()
        ).map((t) => `${String(t.complaintId)}:${timerKey(t)}`),
      );
      for (const [c, t] of due) {
        if (sent.has(`${String(c._id)}:${timerKey(t)}`)) continue;
        const job = { complaintId: String(c._id), stage: t.stage, clock: t.clock };
        if ((await fireTimer(io, job, at)) === 'sent') fired++;
      }
    };
    const cursor = models.Complaint.find(
      {
        $or: [
          { state: { $in: OPEN_STATES } },
          { state: 'resolved', resolvedAt: { $gte: new Date(at.getTime() - RESOLVED_WINDOW_MS) } },
        ],
      },
      {
        communityId: 1,
        state: 1,
        acceptClock: 1,
        assignedAt: 1,
        acceptDeadline: 1,
        resolveClock: 1,
        openedAt: 1,
        resolveDeadline: 1,
        resolvedAt: 1,
      },
    )
      .lean<Clocked[]>()
      .cursor();
    let batch: Clocked[] = [];
    for await (const c of cursor) {
      checked++;
      batch.push(c as Clocked);
      if (batch.length >= BATCH) {
        await sweep(batch);
        batch = [];
      }
    }
    await sweep(batch);
    log.info({ checked, fired }, 'complaint sweep');
    return `诉求时限巡查：检查 ${checked} 件，补发 ${fired} 项`;
  },
};
