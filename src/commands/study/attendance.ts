import { OFFICERS } from '../../bot/audiences.js';
import { defineCommand, ok } from '../../bot/command.js';
import type { BotContext } from '../../bot/context.js';
import { officerScope } from '../../bot/scope.js';
import { UserError } from '../../bot/user-error.js';
import { formatDay } from '../../domain/activity.js';
import type { Role } from '../../domain/member-vocabulary.js';
import { monthsSpan, OUTCOME_LABELS, type Outcome, percent, tally } from '../../domain/study/index.js';
import { currentYearMonth, formatPeriod, parsePeriod, type YearMonth } from '../../domain/text/index.js';
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
  const byMember = new Map<string, { name: string; outcomes: Outcome[] }>();
  for (const r of figures.records) {
    const entry = byMember.get(r.memberId) ?? { name: r.memberName, outcomes: [] };
    entry.outcomes.push(r.outcome);
    byMember.set(r.memberId, entry);
  }
  const expected = figures.sessions.reduce((n, s) => n + s.expected, 0);
  const tookPart = figures.sessions.reduce((n, s) => n + s.signed + s.remote, 0);
  const rows = [...byMember.values()]
    .map((m) => ({ name: m.name, ...tally(m.outcomes) }))
    .sort((a, b) => b.absent - a.absent || a.name.localeCompare(b.name, 'zh'));
  return [
    `学习考勤 · ${formatPeriod(months)}（${scope.label}）：${figures.sessions.length}次学习，参学率${percent(tookPart, expected)}`,
    '（到场含补签；远程含送学上门）',
    ...rows.map((r) => `${r.name}：到场${r.present} 远程${r.remote} 请假${r.leave} 缺席${r.absent}`),
  ].join('\n');
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
