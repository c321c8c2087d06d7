import { createHash } from 'node:crypto';
import { expects } from '../../bot/answers.js';
import { OFFICERS } from '../../bot/audiences.js';
import { ask, defineCommand, invalid, ok } from '../../bot/command.js';
import type { BotContext } from '../../bot/context.js';
import { UserError } from '../../bot/user-error.js';
import { formatDay } from '../../domain/activity.js';
import {
  civilIsoDate,
  type MoveRequest,
  parseMoveRequest,
  sessionStart,
  sessionWhenWhere,
} from '../../domain/study/index.js';
import { tellBranchMembers } from '../../study/notify.js';
import { type SessionDoc, startOf, viewOf } from '../../study/sessions.js';
import { officerSessionsOn } from './common.js';

const REASON = '支部调整';

/**
 * Moves one branch's session: the session on the new day carries on (new, or one cancelled or moved away earlier
 * brought back); the old day stays as a 'moved' record pointing there, so the rule never plans it again and
 * 学习日 can explain the change. Leave asked for the old day does not carry over: the new day may suit.
 */
async function move(ctx: BotContext, from: SessionDoc, request: MoveRequest): Promise<SessionDoc> {
  const { StudySession } = ctx.services.models;
  const fields = {
    time: request.time ?? from.time,
    place: request.place || from.place,
    durationMinutes: from.durationMinutes,
    topic: from.topic,
    link: from.link,
    status: 'scheduled' as const,
    originalDate: from.originalDate ?? from.date,
    reason: REASON,
    movedTo: null,
    calendarKnown: from.calendarKnown,
    origin: 'secretary' as const,
  };
  const there = await StudySession.findOne({ branchId: from.branchId, date: request.to });
  if (there?.status === 'scheduled') {
    throw new UserError(`${formatDay(request.to)}已经有一次学习了。可以取消其中一次，或改到别的日子。`);
  }
  const target = there
    ? await StudySession.findOneAndUpdate(
        { _id: there._id, status: there.status },
        { $set: fields },
        { returnDocument: 'after' },
      )
    : await StudySession.create({
        communityId: from.communityId,
        branchId: from.branchId,
        date: request.to,
        ...fields,
      });
  if (!target) throw new UserError('刚才有人同时改了这天的安排，请再试一次。');
  await StudySession.updateOne(
    { _id: from._id, status: 'scheduled' },
    { $set: { status: 'moved', movedTo: request.to, reason: REASON } },
  );
  return target;
}

/** 调整学习日 <日期> 改到 <日期> [时间] [地点]: members are told the new day. */
export const studyMove = defineCommand<MoveRequest>({
  id: 'study.move',
  triggers: ['调整学习日', '改学习日', '学习日改期'],
  audience: OFFICERS,
  writes: true,
  summary: '改期并通知党员',
  examples: ['调整学习日 12月10日 改到 12月11日', '调整学习日 12月10日 改到 12月11日 下午3点 社区活动室'],
  parse(rest, { now, timeZone }) {
    const parsed = parseMoveRequest(rest, now, timeZone);
    if (parsed.ok) return ok(parsed.value);
    if ('error' in parsed) return invalid(parsed.error);
    return parsed.missing === 'to'
      ? ask(
          'to',
          '请问改到哪一天？请这样写：「改到 12月11日」，也可以加上新的时间、地点。',
          expects('text', '改到 12月11日'),
        )
      : ask(
          'from',
          '请问调整哪一天的学习？例如「12月10日 改到 12月11日」。',
          expects('date', '12月10日 改到 12月11日'),
        );
  },
  async handle(ctx, request) {
    if (request.to === request.from && !request.time && !request.place) {
      throw new UserError('新日期和原来一样。只改时间或地点的话，请写上新的时间或地点。');
    }
    if (request.to < civilIsoDate(ctx.now, ctx.timeZone)) throw new UserError('不能改到已经过去的日子。');
    const { sessions } = await officerSessionsOn(ctx, request.from);
    if (sessions.length > 1) {
      throw new UserError('这天有几个支部的学习，请由各支部书记分别调整。');
    }
    const from = sessions[0]!;
    if (startOf(from, ctx.timeZone) <= ctx.now) throw new UserError('这次学习已经开始了，不能再调整。');
    // The new day may be today: 「改到 12月6日 早上6点」 sent at 07:02 would move the session into the past.
    const newTime = request.time ?? from.time;
    const newStart = sessionStart(
      { date: request.to, time: newTime, durationMinutes: from.durationMinutes },
      ctx.timeZone,
    );
    if (newStart <= ctx.now) {
      throw new UserError(
        `${formatDay(request.to)}${newTime}已经过去了，不能改到这个时间。请换一个还没到的时间。`,
      );
    }
    const sameDay = request.to === request.from;
    if (
      sameDay &&
      (request.time ?? from.time) === from.time &&
      (request.place || from.place) === from.place
    ) {
      throw new UserError(
        `和原来的安排一样（${sessionWhenWhere(viewOf(from))}），没有改动，也没有通知党员。`,
      );
    }
    const moved = sameDay
      ? await ctx.services.models.StudySession.findOneAndUpdate(
          { _id: from._id },
          { $set: { time: request.time ?? from.time, place: request.place || from.place } },
          { returnDocument: 'after' },
        )
      : await move(ctx, from, request);
    if (!moved) throw new UserError('刚才有人同时改了这天的安排，请再试一次。');
    const before = `${formatDay(request.from)}${from.time}`;
    const text = `【学习日调整】原定${before}的学习，改到${sessionWhenWhere(viewOf(moved))}。请相互转告。`;
    // Each change is its own notice (a quick second correction of the place too); a retried message is the same.
    const change = `${from.date} ${from.time} ${from.place} → ${moved.date} ${moved.time} ${moved.place}`;
    const digest = createHash('sha1').update(change).digest('hex').slice(0, 10);
    const told = await tellBranchMembers(
      ctx.services,
      from.branchId,
      `study-moved-${String(from._id)}-${digest}`,
      text,
      'study-moved',
      ctx.now,
    );
    await ctx.reply(`已调整：${before} → ${sessionWhenWhere(viewOf(moved))}。已通知${told}名党员。`);
  },
});
