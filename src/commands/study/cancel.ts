import { expects } from '../../bot/answers.js';
import { OFFICERS } from '../../bot/audiences.js';
import { ask, defineCommand, ok } from '../../bot/command.js';
import { UserError } from '../../bot/user-error.js';
import { formatDay } from '../../domain/activity.js';
import { parseCancelRequest } from '../../domain/study/index.js';
import type { IsoDate } from '../../domain/text/index.js';
import { announceCancellation } from '../../study/notify.js';
import { startOf } from '../../study/sessions.js';
import { branchNames, officerSessionsOn } from './common.js';

/** 取消学习日 <日期> <原因>: the session is not held; its members are told, with the reason. */
export const studyCancel = defineCommand<{ date: IsoDate; reason: string }>({
  id: 'study.cancel',
  triggers: ['取消学习日', '取消学习'],
  audience: OFFICERS,
  writes: true,
  summary: '取消并通知党员',
  examples: ['取消学习日 12月10日 停电', '取消学习日 12月10日 社区停电'],
  parse(rest, { now, timeZone }) {
    const parsed = parseCancelRequest(rest, now, timeZone);
    if (parsed.ok) return ok(parsed.value);
    return 'missing' in parsed && parsed.missing === 'reason'
      ? ask('reason', '请问取消的原因是什么？会一并告诉党员。', expects('text', '停电'))
      : ask('date', '请问取消哪一天的学习？例如「12月10日」。', expects('date', '12月10日'));
  },
  async handle(ctx, { date, reason }) {
    const { sessions } = await officerSessionsOn(ctx, date);
    if (sessions.some((s) => startOf(s, ctx.timeZone) <= ctx.now)) {
      throw new UserError(`${formatDay(date)}的学习已经开始了，不能再取消。`);
    }
    let told = 0;
    for (const session of sessions) {
      // Conditional on still being scheduled: a second 取消 (or a retry) announces nothing twice.
      const { modifiedCount } = await ctx.services.models.StudySession.updateOne(
        { _id: session._id, status: 'scheduled' },
        { $set: { status: 'cancelled', reason } },
      );
      if (modifiedCount === 1) told += await announceCancellation(ctx.services, session, reason, ctx.now);
    }
    const names = await branchNames(
      ctx,
      sessions.map((s) => s.branchId),
    );
    const which = sessions.map((s) => names.get(String(s.branchId))).join('、');
    await ctx.reply(`已取消${formatDay(date)}（${which}）的学习，原因：${reason}。已通知${told}名党员。`);
  },
});
