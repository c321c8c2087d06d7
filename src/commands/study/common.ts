/** What the study-day commands share: whose branch, which sessions an officer may touch, names → members. */

import type { Types } from 'mongoose';
import type { BotContext } from '../../bot/context.js';
import { officerScope, type Scope } from '../../bot/scope.js';
import type { MemberDoc } from '../../bot/sender.js';
import { UserError } from '../../bot/user-error.js';
import { formatDay } from '../../domain/activity.js';
import {
  ATTENDANCE_LABELS,
  civilIsoDate,
  DEFAULT_SIGN_IN_OPENS_MINUTES,
  describeRule,
  HOLIDAY_POLICY_LABELS,
  sessionWhenWhere,
} from '../../domain/study/index.js';
import type { IsoDate } from '../../domain/text/index.js';
import { ruleOf, type StudySchedule } from '../../models/study.js';
import { recordAttendance } from '../../study/record-attendance.js';
import { EXPECTED, isExpected } from '../../study/roster.js';
import {
  hasOpened,
  recentSession,
  type ScheduleDoc,
  type SessionDoc,
  scheduleOf,
  upcomingSessions,
  viewOf,
} from '../../study/sessions.js';

/** The speaker as a member of a branch; study days belong to branches. */
export function memberInBranch(ctx: BotContext): { member: MemberDoc; branchId: Types.ObjectId } {
  if (ctx.sender.kind !== 'member') throw new UserError('您还没有登记。');
  const { member } = ctx.sender;
  const branchId = member.branchId;
  if (!branchId) throw new UserError('您还没有分到支部，学习日由支部安排。请联系社区党委。');
  return { member, branchId };
}

/**
 * The speaker as one of the members `session` expects (its fixed list once taken, else the roster rule): staff,
 * suspended members and others outside the list neither sign in, ask leave nor record remote study.
 */
export function attendeeOf(ctx: BotContext, session: SessionDoc): MemberDoc {
  const { member } = memberInBranch(ctx);
  const expected = session.expectedMemberIds
    ? session.expectedMemberIds.some((id) => String(id) === String(member._id))
    : isExpected(member);
  if (!expected || String(member.branchId) !== String(session.branchId)) {
    throw new UserError(
      '签到、请假和远程学习登记，是本支部正式党员和预备党员参加学习用的；您不在这次学习的应到名单里，不用登记。如有疑问，请联系支部书记。',
    );
  }
  return member;
}

/** The speaker's branch schedule, or a clear answer that there is none yet. */
export async function branchSchedule(ctx: BotContext, branchId: Types.ObjectId): Promise<ScheduleDoc> {
  const schedule = await scheduleOf(ctx.services.models, branchId);
  if (!schedule) throw new UserError('您所在的支部还没有设置学习日。请联系支部书记。');
  return schedule;
}

/** 每月10日、25日 19:00，社区党群服务中心（遇节假日顺延到节后第一个工作日） */
export const scheduleLine = (s: StudySchedule): string =>
  `${describeRule(ruleOf(s))} ${s.time}，${s.place}（遇法定节假日${HOLIDAY_POLICY_LABELS[s.holidayPolicy]}）`;

/** Sessions on `date` an officer may change (their branch, or every branch for community-wide officers). */
export async function officerSessionsOn(
  ctx: BotContext,
  date: IsoDate,
): Promise<{ scope: Scope; sessions: SessionDoc[] }> {
  const scope = officerScope(ctx.sender);
  if (date < civilIsoDate(ctx.now, ctx.timeZone)) throw new UserError(`${formatDay(date)}已经过去了。`);
  const sessions = await ctx.services.models.StudySession.find({
    ...scope.filter,
    date,
    status: 'scheduled',
  });
  if (sessions.length === 0) throw new UserError(`${formatDay(date)}没有学习安排（${scope.label}）。`);
  return { scope, sessions };
}

/** Branch names by id, for replies that cover several branches. */
export async function branchNames(ctx: BotContext, ids: Types.ObjectId[]): Promise<Map<string, string>> {
  const branches = await ctx.services.models.Branch.find({ _id: { $in: ids } }, { name: 1 }).lean();
  return new Map(branches.map((b) => [String(b._id), b.name]));
}

/**
 * The member an officer names at the start of `words` (「王桂兰 扫码签不上」 or 「王桂兰扫码签不上」), within the
 * officer's scope; the rest is what follows the name. The longest name that fits wins (王桂 vs 王桂兰).
 */
export async function namedMember(
  ctx: BotContext,
  words: string,
): Promise<{ member: MemberDoc; rest: string; scope: Scope }> {
  const scope = officerScope(ctx.sender);
  const candidates = await ctx.services.models.Member.find(
    { ...scope.filter, ...EXPECTED, name: { $in: namePrefixes(words) } },
    null,
  ).limit(5);
  const longest = Math.max(0, ...candidates.map((m) => m.name.length));
  const found = candidates.filter((m) => m.name.length === longest);
  if (found.length === 0) {
    throw new UserError(`没有找到这位党员（${scope.label}）。请先写姓名，例如「王桂兰 扫码签不上」。`);
  }
  if (found.length > 1) throw new UserError(`「${found[0]!.name}」有重名，请联系管理员处理。`);
  const member = found[0]!;
  return { member, rest: words.slice(member.name.length).trim(), scope };
}

/** Every leading run of 2–6 characters: the names the text could start with. */
const namePrefixes = (words: string): string[] => {
  const head = words.replace(/\s.*$/, '');
  return [2, 3, 4, 5, 6].filter((n) => head.length >= n).map((n) => head.slice(0, n));
};

/** 「下次学习：11月25日（周三）19:00，社区党群服务中心。」, or nothing when none is planned. */
export async function nextSessionLine(ctx: BotContext, branchId: Types.ObjectId): Promise<string> {
  const [next] = await upcomingSessions(ctx.services.models, { branchId }, ctx.now, ctx.timeZone, 1);
  return next ? `下次学习：${sessionWhenWhere(viewOf(next))}。` : '';
}

/**
 * 补签 / 送学上门: the officer names a member (and perhaps a day); the record goes on that member's session of that
 * day, or their branch's latest session that has started. `reasonNeeded`: 补签 must say why.
 */
export async function recordForMember(
  ctx: BotContext,
  request: { words: string; date: IsoDate | null },
  kind: 'makeup' | 'home_delivered',
  reasonNeeded: boolean,
): Promise<void> {
  if (ctx.sender.kind !== 'member') throw new UserError('您还没有登记。');
  const { member, rest } = await namedMember(ctx, request.words);
  if (reasonNeeded && !rest) {
    throw new UserError(`请写明原因，例如「补签 ${member.name} 扫码签不上」。`);
  }
  const branchId = member.branchId;
  const session =
    branchId && (await recentSession(ctx.services.models, branchId, request.date, ctx.now, ctx.timeZone));
  if (!session) {
    throw new UserError(
      request.date
        ? `${member.name}所在支部${formatDay(request.date)}没有学习。`
        : `${member.name}所在支部最近没有已开始的学习。`,
    );
  }
  const opens = (await scheduleOf(ctx.services.models, session.branchId))?.signInOpensMinutes;
  if (!hasOpened(session, ctx.now, ctx.timeZone, opens ?? DEFAULT_SIGN_IN_OPENS_MINUTES))
    throw new UserError(`${formatDay(viewOf(session).date)}的学习还没到签到时间。`);
  const outcome = await recordAttendance(ctx.services.models, {
    session,
    sourceKey: ctx.message.dedupeKey,
    memberId: member._id,
    kind,
    reason: rest,
    byMemberId: ctx.sender.member._id,
    at: ctx.now,
  });
  const when = formatDay(viewOf(session).date);
  if (outcome.result === 'kept') {
    throw new UserError(
      `${member.name}${when}的学习已经是「${ATTENDANCE_LABELS[outcome.record.kind]}」，不用再登记。`,
    );
  }
  const note = rest ? `（${rest}）` : '';
  await ctx.reply(`已登记：${member.name} ${when}的学习「${ATTENDANCE_LABELS[kind]}」${note}。`);
}
