import { OFFICERS } from '../../bot/audiences.js';
import { defineCommand, ok } from '../../bot/command.js';
import type { BotContext } from '../../bot/context.js';
import { officerScope } from '../../bot/scope.js';
import { UserError } from '../../bot/user-error.js';
import { formatDay } from '../../domain/activity.js';
import type { Role } from '../../domain/member-vocabulary.js';
import { monthsSpan, OUTCOME_LABELS, percent, tally } from '../../domain/study/index.js';
import {
  currentYearMonth,
  formatPeriod,
  parsePeriod,
  someNames,
  type YearMonth,
} from '../../domain/text/index.js';
import { studyFigures } from '../../study/figures.js';
import { memberInBranch } from './common.js';

interface Request {
  months: YearMonth[];
  /** 考勤 我: an officer's own record rather than the branch's. */
  own: boolean;
}

/** 考勤 我: an officer asks for their own record. */
const OWN = /我|自己|本人/g;

async function ownRecord(ctx: BotContext, months: YearMonth[]): Promise<string> {
  const { member, branchId } = memberInBranch(ctx);
  const figures = await studyFigures(
    ctx.services.models,
    { branchId },
    monthsSpan(months),
    ctx.now,
    ctx.timeZone,
  );
  const mine = figures.records.filter((r) => r.memberId === String(member._id));
  if (mine.length === 0) return `${formatPeriod(months)}还没有您的学习记录。`;
  const c = tally(mine.map((r) => r.outcome));
  return [
    `${member.name}同志 ${formatPeriod(months)}学习考勤：共${mine.length}次，到场${c.present}次，远程${c.remote}次，请假${c.leave}次，缺席${c.absent}次。`,
    ...mine.map((r) => `${formatDay(r.date)} ${OUTCOME_LABELS[r.outcome]}`),
  ].join('\n');
}

/**
 * The branch's record on one screen: the counts and the rate, who missed (most absences first, a few names), who
 * studies away from the room (流动党员, 送学上门), and the 导出 that gives every member and session.
 */
async function branchRecord(ctx: BotContext, months: YearMonth[]): Promise<string> {
  const scope = officerScope(ctx.sender);
  const figures = await studyFigures(
    ctx.services.models,
    scope.filter,
    monthsSpan(months),
    ctx.now,
    ctx.timeZone,
  );
  if (figures.sessions.length === 0)
    throw new UserError(`${formatPeriod(months)}还没有已结束的学习（${scope.label}）。`);
  const total = tally(figures.records.map((r) => r.outcome));
  const absences = new Map<string, { name: string; times: number }>();
  const delivered = new Set<string>();
  for (const r of figures.records) {
    if (r.outcome === 'home_delivered') delivered.add(r.memberName);
    if (r.outcome !== 'absent') continue;
    const entry = absences.get(r.memberId) ?? { name: r.memberName, times: 0 };
    entry.times++;
    absences.set(r.memberId, entry);
  }
  const missed = [...absences.values()]
    .sort((a, b) => b.times - a.times || a.name.localeCompare(b.name, 'zh'))
    .map((m) => (m.times > 1 ? `${m.name}${m.times}次` : m.name));
  const mobile = await ctx.services.models.Member.find(
    { _id: { $in: [...new Set(figures.records.map((r) => r.memberId))] }, status: 'mobile' },
    { name: 1 },
  ).lean();
  const names = (list: string[]) => someNames([...list].sort((a, b) => a.localeCompare(b, 'zh')));
  const lines = [
    `学习考勤 · ${formatPeriod(months)}（${scope.label}）：${figures.sessions.length}次学习，应到${total.expected}人次`,
    `到场${total.present} 远程${total.remote} 请假${total.leave} 缺席${total.absent}，参学率${percent(total.present + total.remote, total.expected)}`,
    missed.length ? `缺席：${someNames(missed)}` : '没有人缺席。',
  ];
  if (mobile.length) lines.push(`流动党员：${names(mobile.map((m) => m.name))}`);
  if (delivered.size) lines.push(`送学上门：${names([...delivered])}`);
  lines.push(`每人每次的明细，请发「导出 考勤 ${formatPeriod(months)}」，会发来表格。`);
  return lines.join('\n');
}

/** 考勤 [本月|季度|年]: a member's own record; officers get everyone in their scope (「考勤 我」 for their own). */
export const studyAttendance = defineCommand<Request>({
  id: 'study.attendance',
  triggers: ['考勤', '学习考勤'],
  audience: 'registered',
  summary: '查学习考勤',
  examples: ['考勤', '考勤 季度', '考勤 年'],
  parse(rest, { now, timeZone }) {
    const own = rest.search(OWN) >= 0;
    const months = parsePeriod(rest.replace(OWN, ' '), now, timeZone) ?? [currentYearMonth(now, timeZone)];
    return ok({ months, own });
  },
  async handle(ctx, { months, own }) {
    const officer = ctx.sender.kind === 'member' && ctx.sender.roles.some((r: Role) => OFFICERS.includes(r));
    await ctx.reply(officer && !own ? await branchRecord(ctx, months) : await ownRecord(ctx, months));
  },
});
