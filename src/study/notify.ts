/** Messages about study days to a branch's members and officers, each under an id derived from its cause. */

import { createHash } from 'node:crypto';
import type { Queue } from 'bullmq';
import type { Types } from 'mongoose';
import { formatDay } from '../domain/activity.js';
import type { IsoDate } from '../domain/text/index.js';
import type { Models } from '../models/index.js';
import type { OutboundJob } from '../queues/definitions.js';
import { enqueueFanout, enqueueOutbound } from '../queues/queues.js';
import { branchOfficers, expectedMembers } from './roster.js';

export interface Messaging {
  models: Models;
  outbound: Queue<OutboundJob>;
}

/** Plain text to every expected member of a branch (in batches of 1000). Returns how many were told. */
export async function tellBranchMembers(
  m: Messaging,
  branchId: Types.ObjectId,
  jobIdBase: string,
  text: string,
  purpose: string,
  at: Date,
): Promise<number> {
  const members = await expectedMembers(m.models, branchId);
  if (members.length === 0) return 0;
  const ids = members.map((x) => x.wecomUserId);
  await enqueueFanout(m.outbound, jobIdBase, ids, { type: 'text', content: text }, purpose, at);
  return ids.length;
}

/** Plain text to a branch's secretary and deputies, except `except` (who already knows: they did it). */
export async function tellBranchOfficers(
  m: Messaging,
  branchId: Types.ObjectId,
  jobId: string,
  text: string,
  purpose: string,
  except?: string,
): Promise<number> {
  const officers = (await branchOfficers(m.models, branchId)).filter((o) => o !== except);
  if (officers.length === 0) return 0;
  await enqueueOutbound(m.outbound, jobId, {
    touser: officers,
    content: { type: 'text', content: text },
    purpose,
  });
  return officers.length;
}

/** Tells a branch's members that a session they may have planned for is off. */
export async function announceCancellation(
  m: Messaging,
  session: { _id: unknown; branchId: Types.ObjectId; date: string; time: string },
  reason: string,
  at: Date,
): Promise<number> {
  const text = `【学习日取消】原定${formatDay(session.date as IsoDate)}${session.time}的学习取消。原因：${reason}。\n发「学习日」可查看下次安排。`;
  return tellBranchMembers(
    m,
    session.branchId,
    `study-cancel-${String(session._id)}`,
    text,
    'study-cancel',
    at,
  );
}

/** Tells a branch's members, already reminded of a session, its new time and place (the rule changed). */
export async function announceRetime(
  m: Messaging,
  session: { _id: unknown; branchId: Types.ObjectId; date: string },
  now: { time: string; place: string },
  at: Date,
): Promise<number> {
  const text = `【学习日调整】${formatDay(session.date as IsoDate)}的学习改为${now.time}开始，地点：${now.place}。请相互转告。`;
  const digest = createHash('sha1').update(`${now.time} ${now.place}`).digest('hex').slice(0, 10);
  return tellBranchMembers(
    m,
    session.branchId,
    `study-retimed-${String(session._id)}-${digest}`,
    text,
    'study-moved',
    at,
  );
}
