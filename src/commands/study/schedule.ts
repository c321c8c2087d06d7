import { expects } from '../../bot/answers.js';
import { OFFICERS } from '../../bot/audiences.js';
import { ask, defineCommand, invalid, ok } from '../../bot/command.js';
import type { BotContext } from '../../bot/context.js';
import { officerScope } from '../../bot/scope.js';
import { UserError } from '../../bot/user-error.js';
import {
  civilIsoDate,
  describeSessions,
  parseScheduleText,
  type ScheduleDraft,
} from '../../domain/study/index.js';
import { announceReport, materialiseBranch } from '../../study/materialise.js';
import { saveSchedule } from '../../study/schedules.js';
import { upcomingSessions, viewOf } from '../../study/sessions.js';
import { scheduleLine } from './common.js';

const EXAMPLE = '设置学习日 每月10日、25日 19:00 社区党群服务中心 顺延';
const QUESTIONS = {
  rule: '请问每月哪几天学习？例如「每月10日、25日」或「每月第二、第四个周三」。',
  time: '请问几点开始？例如「19:00」或「下午2点半」。',
  place: '请问在哪里学习？例如「社区党群服务中心二楼会议室」。',
} as const;

const EXPECTS = {
  rule: expects('text', '每月10日、25日'),
  time: expects('text', '19:00'),
  place: expects('place', '社区党群服务中心二楼会议室'),
} as const;

/** The branch being set: the officer's own, or — for community-wide officers — the one named. */
async function targetBranch(ctx: BotContext, named: string | null) {
  const scope = officerScope(ctx.sender);
  const { Branch } = ctx.services.models;
  if (named) {
    const branch = await Branch.findOne({ communityId: scope.filter.communityId, name: named });
    if (!branch) throw new UserError(`没有找到「${named}」。`);
    if (scope.filter.branchId !== undefined && String(scope.filter.branchId) !== String(branch._id)) {
      throw new UserError('只能设置本支部的学习日。');
    }
    return branch;
  }
  if (!scope.filter.branchId) {
    throw new UserError(
      `请写明是哪个支部，例如「设置学习日 居民第一支部 每月10日、25日 19:00 社区党群服务中心」。`,
    );
  }
  const branch = await Branch.findById(scope.filter.branchId);
  if (!branch) throw new UserError('没有找到您所在的支部。');
  return branch;
}

/**
 * 设置学习日: the branch's rule — days (每月10日、25日 / 每月第二、第四个周三), time, place, and what happens on a
 * statutory holiday (顺延 by default, 提前, 照常). The coming sessions follow at once.
 */
export const studySchedule = defineCommand<ScheduleDraft>({
  id: 'study.schedule',
  triggers: ['设置学习日', '设定学习日', '修改学习日'],
  audience: OFFICERS,
  writes: true,
  summary: '设置本支部固定学习日',
  examples: [
    '设置学习日 每月10日、25日 19:00 会议室',
    EXAMPLE,
    '设置学习日 每月第二、第四个周三 下午2点半 党群服务中心二楼 提前',
  ],
  parse(rest) {
    const parsed = parseScheduleText(rest);
    if (parsed.ok) return ok(parsed.draft);
    if ('error' in parsed) return invalid(`${parsed.error}\n例如「${EXAMPLE}」。`);
    return ask(parsed.missing, QUESTIONS[parsed.missing], EXPECTS[parsed.missing]);
  },
  async handle(ctx, draft) {
    if (ctx.sender.kind !== 'member') throw new UserError('您还没有登记。');
    const branch = await targetBranch(ctx, draft.branchName);
    const branchId = branch._id;
    const schedule = await saveSchedule(ctx.services.models, {
      communityId: branch.communityId,
      branchId,
      draft,
      by: ctx.sender.member._id,
    });
    const today = civilIsoDate(ctx.now, ctx.timeZone);
    const report = await materialiseBranch(ctx.services.models, schedule, today, { replan: true });
    await announceReport(ctx.services, schedule, report, ctx.now);
    const next = await upcomingSessions(ctx.services.models, { branchId }, ctx.now, ctx.timeZone, 4);
    const lines = [
      `已设置${branch.name}的学习日：${scheduleLine(schedule)}`,
      ...(schedule.topic ? [`默认主题：${schedule.topic}`] : []),
      next.length ? '接下来的安排：' : '近期没有学习安排。',
      ...describeSessions(next.map(viewOf), () => ''),
    ];
    if (report.cancelled.length) {
      lines.push(`原来已通知过的${report.cancelled.length}次学习随之取消，已告诉本支部党员。`);
    }
    if (report.retimed.length) {
      lines.push(`已通知过的${report.retimed.length}次学习改了时间或地点，已告诉本支部党员。`);
    }
    await ctx.reply(lines.join('\n'));
  },
});
