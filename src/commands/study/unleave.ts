import { defineCommand, ok } from '../../bot/command.js';
import { UserError } from '../../bot/user-error.js';
import { sessionWhen } from '../../domain/study/index.js';
import { parseDate } from '../../domain/text/index.js';
import { tellBranchOfficers } from '../../study/notify.js';
import { endOf, upcomingSessions, viewOf } from '../../study/sessions.js';
import { memberInBranch } from './common.js';

/** 销假 [日期]: withdraws the speaker's leave for a coming session (the nearest one with a leave), before it ends. */
export const studyUnleave = defineCommand<{ date: string | null }>({
  id: 'study.unleave',
  triggers: ['销假', '取消请假', '不请假了'],
  audience: 'registered',
  writes: true,
  summary: '撤回学习日的请假（学习结束前）',
  examples: ['销假', '销假 11月25日'],
  parse(rest, { now, timeZone }) {
    return ok({ date: parseDate(rest, now, timeZone, { prefer: 'future' })?.date ?? null });
  },
  async handle(ctx, { date }) {
    const { member, branchId } = memberInBranch(ctx);
    const { models } = ctx.services;
    const sessions = (await upcomingSessions(models, { branchId }, ctx.now, ctx.timeZone, 5)).filter(
      (s) => !date || s.date === date,
    );
    const leaves = await models.Attendance.find({
      sessionId: { $in: sessions.map((s) => s._id) },
      memberId: member._id,
      kind: 'leave',
    });
    const session = sessions.find((s) => leaves.some((l) => String(l.sessionId) === String(s._id)));
    const leave = session && leaves.find((l) => String(l.sessionId) === String(session._id));
    if (!session || !leave) throw new UserError('您近期的学习没有请假，不用销假。');
    if (ctx.now >= endOf(session, ctx.timeZone)) throw new UserError('这次学习已经结束了，不能再销假。');
    // Conditional on the kind: a secretary's record made meanwhile is not removed.
    const { deletedCount } = await models.Attendance.deleteOne({ _id: leave._id, kind: 'leave' });
    if (deletedCount !== 1) throw new UserError('您的考勤刚刚有了变动，请发「考勤」查看。');
    const when = sessionWhen(viewOf(session));
    await tellBranchOfficers(
      ctx.services,
      branchId,
      `study-unleave-${String(leave._id)}`,
      `${member.name}销假：${when}的学习会按时参加。`,
      'study-leave',
      ctx.message.fromUser,
    );
    await ctx.reply(`已销假：${when}的学习，请按时参加。已转告支部书记。`);
  },
});
