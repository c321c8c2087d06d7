import { OFFICERS } from '../../bot/audiences.js';
import { defineCommand, ok } from '../../bot/command.js';
import { officerScope } from '../../bot/scope.js';
import { UserError } from '../../bot/user-error.js';
import { parseIsoDate } from '../../domain/activity.js';
import { calendarNotes, describeSession, monthLength } from '../../domain/study/index.js';
import { currentYearMonth, type IsoDate, parseMonths, type YearMonth } from '../../domain/text/index.js';
import { sessionsBetween, viewOf } from '../../study/sessions.js';
import { branchNames } from './common.js';

/** 学习安排 [本月|下月]: the month's sessions of the officer's branch (or every branch), with changes and topics. */
export const studyPlan = defineCommand<{ month: YearMonth }>({
  id: 'study.plan',
  triggers: ['学习安排'],
  audience: OFFICERS,
  summary: '本月或下月的学习安排',
  examples: ['学习安排', '学习安排 下月'],
  parse(rest, { now, timeZone }) {
    const months = parseMonths(rest, now, timeZone);
    return ok({ month: months?.months[0] ?? currentYearMonth(now, timeZone) });
  },
  async handle(ctx, { month }) {
    const scope = officerScope(ctx.sender);
    const { models } = ctx.services;
    const { year, month: m } = parseIsoDate(`${month}-01` as IsoDate);
    const to = `${month}-${String(monthLength(year, m)).padStart(2, '0')}` as IsoDate;
    const sessions = await sessionsBetween(models, scope.filter, `${month}-01` as IsoDate, to);
    if (sessions.length === 0) {
      throw new UserError(
        `${year}年${m}月没有学习安排（${scope.label}）。还没设置的，发「设置学习日 每月10日、25日 19:00 地点」。`,
      );
    }
    const schedules = await models.StudySchedule.find({ branchId: { $in: sessions.map((s) => s.branchId) } });
    const topics = new Map(schedules.map((s) => [String(s.branchId), s.topic]));
    const names = await branchNames(
      ctx,
      sessions.map((s) => s.branchId),
    );
    const lines = [`${year}年${m}月学习安排（${scope.label}）`];
    let branch = '';
    for (const s of sessions.sort((a, b) => String(a.branchId).localeCompare(String(b.branchId)))) {
      if (scope.filter.branchId === undefined && String(s.branchId) !== branch) {
        branch = String(s.branchId);
        lines.push(`【${names.get(branch) ?? '支部'}】`);
      }
      lines.push(describeSession(viewOf(s), topics.get(String(s.branchId)) ?? ''));
    }
    lines.push(...calendarNotes(sessions.map(viewOf)));
    await ctx.reply(lines.join('\n'));
  },
});
