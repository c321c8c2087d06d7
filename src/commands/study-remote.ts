import type { Types } from 'mongoose';
import { defineCommand, ok } from '../bot/command.js';
import { UserError } from '../bot/user-error.js';
import { formatDay } from '../domain/activity.js';
import { ATTENDANCE_LABELS } from '../domain/study/index.js';
import { type IsoDate, parseDate } from '../domain/text/index.js';
import { recordAttendance } from '../study/record-attendance.js';
import { recentSession, viewOf } from '../study/sessions.js';
import { branchSchedule, memberInBranch } from './study-common.js';

/**
 * 已学习: a member who could not come (in another city, housebound) studied the session's material. Counts as
 * taking part remotely; the secretary sees it in the summary.
 */
export const studyRemote = defineCommand<{ date: IsoDate | null; note: string }>({
  id: 'study.remote',
  triggers: ['已学习', '学完了', '远程学习'],
  keywords: ['已学习', '线上参加', '线上学习', '远程学习', '在线学习'],
  audience: 'registered',
  summary: '远程学习后登记',
  examples: ['已学习', '我在线上参加的 算签到吗'],
  parse(rest, { now, timeZone }) {
    const date = parseDate(rest, now, timeZone);
    return ok({ date: date?.date ?? null, note: rest.replace(date?.matched ?? '', '').trim() });
  },
  async handle(ctx, { date, note }) {
    const { member, branchId } = memberInBranch(ctx);
    const schedule = await branchSchedule(ctx, branchId);
    const session = await recentSession(ctx.services.models, branchId, date, ctx.now, ctx.timeZone);
    if (!session) {
      throw new UserError(
        date ? `${formatDay(date)}没有学习。` : '最近还没有开始的学习。学习开始后，学完材料再发「已学习」。',
      );
    }
    const outcome = await recordAttendance(ctx.services.models, {
      session,
      memberId: member._id as Types.ObjectId,
      kind: 'remote',
      reason: note.slice(0, 200),
      byMemberId: member._id as Types.ObjectId,
      at: ctx.now,
    });
    const when = formatDay(viewOf(session).date);
    if (outcome.result === 'kept') {
      await ctx.reply(`您${when}的学习已经登记为「${ATTENDANCE_LABELS[outcome.record.kind]}」了。`);
      return;
    }
    const topic = session.topic || schedule.topic;
    await ctx.reply(
      `已登记：您远程学习了${when}的内容${topic ? `（${topic}）` : ''}。书记在学习情况汇总里能看到。`,
    );
  },
});
