import { defineCommand, ok } from '../../bot/command.js';
import type { BotContext } from '../../bot/context.js';
import { formatDay, parseIsoDate } from '../../domain/activity.js';
import {
  addDays,
  calendarNotes,
  civilIsoDate,
  describeSession,
  describeSessions,
  holidayMentioned,
  holidayReason,
  monthLength,
  nextHolidayPeriod,
  planSessions,
  type SessionView,
} from '../../domain/study/index.js';
import { type IsoDate, parseDate, parseMonths, type YearMonth } from '../../domain/text/index.js';
import { ruleOf } from '../../models/study.js';
import { horizon } from '../../study/materialise.js';
import { type ScheduleDoc, sessionsBetween, upcomingSessions, viewOf } from '../../study/sessions.js';
import { branchSchedule, memberInBranch, scheduleLine } from './common.js';

type Question =
  | { about: 'next' }
  | { about: 'day'; date: IsoDate }
  | { about: 'month'; month: YearMonth }
  | { about: 'holiday'; holiday: string };

/**
 * Sessions from `from` to `to`: the stored ones (with the secretary's changes), and — for days beyond what is written
 * ahead — the rule's plan, leaving out planned days a stored session already covers (moved, cancelled or kept).
 */
async function sessionsIn(
  ctx: BotContext,
  schedule: ScheduleDoc,
  from: IsoDate,
  to: IsoDate,
): Promise<{ sessions: SessionView[]; planned: boolean }> {
  const stored = (await sessionsBetween(ctx.services.models, { branchId: schedule.branchId }, from, to)).map(
    viewOf,
  );
  const written = horizon(civilIsoDate(ctx.now, ctx.timeZone));
  if (to <= written) return { sessions: stored, planned: false };
  const start = from > written ? from : addDays(written, 1);
  const covered = new Set(stored.flatMap((s) => [s.date, ...(s.originalDate ? [s.originalDate] : [])]));
  const plan = planSessions(
    { rule: ruleOf(schedule), holidayPolicy: schedule.holidayPolicy },
    start,
    to,
  ).filter((p) => !covered.has(p.date) && !covered.has(p.plannedDate));
  const sessions = plan.map(
    (p): SessionView => ({
      date: p.date,
      time: schedule.time,
      durationMinutes: schedule.durationMinutes,
      place: schedule.place,
      topic: '',
      link: null,
      status: 'scheduled',
      originalDate: p.date === p.plannedDate ? null : p.plannedDate,
      reason: p.holiday && p.date !== p.plannedDate ? holidayReason(p.holiday, p.date, p.plannedDate) : '',
      movedTo: null,
      calendarKnown: p.calendarKnown,
    }),
  );
  const merged = [...stored, ...sessions].sort((x, y) => x.date.localeCompare(y.date));
  return { sessions: merged, planned: sessions.length > 0 };
}

const list = (sessions: SessionView[], topic: string) => describeSessions(sessions, () => topic).join('\n');

async function nextSessions(ctx: BotContext, schedule: ScheduleDoc): Promise<string> {
  const upcoming = await upcomingSessions(
    ctx.services.models,
    { branchId: schedule.branchId },
    ctx.now,
    ctx.timeZone,
  );
  const [next, after] = upcoming.map(viewOf);
  if (!next) return `近期没有学习安排。\n支部学习日：${scheduleLine(schedule)}`;
  // Days called off or moved before the next one: members ask exactly about those.
  const today = civilIsoDate(ctx.now, ctx.timeZone);
  const changed = (
    await sessionsBetween(ctx.services.models, { branchId: schedule.branchId }, today, next.date)
  )
    .map(viewOf)
    .filter((s) => s.status !== 'scheduled');
  return [
    `下次学习：${describeSession(next, schedule.topic)}`,
    ...(after ? [`再下次：${describeSession(after, schedule.topic)}`] : []),
    ...changed.map((s) => describeSession(s, schedule.topic)),
    ...calendarNotes([next, ...(after ? [after] : []), ...changed]),
    `支部学习日：${scheduleLine(schedule)}`,
  ].join('\n');
}

async function onDay(ctx: BotContext, schedule: ScheduleDoc, date: IsoDate): Promise<string> {
  const { sessions } = await sessionsIn(ctx, schedule, date, date);
  if (sessions.length === 0) return `${formatDay(date)}没有学习安排。\n${await nextSessions(ctx, schedule)}`;
  return list(sessions, schedule.topic);
}

async function inMonth(ctx: BotContext, schedule: ScheduleDoc, month: YearMonth): Promise<string> {
  const { year, month: m } = parseIsoDate(`${month}-01` as IsoDate);
  const from = `${month}-01` as IsoDate;
  const to = `${month}-${String(monthLength(year, m)).padStart(2, '0')}` as IsoDate;
  const { sessions, planned } = await sessionsIn(ctx, schedule, from, to);
  if (sessions.length === 0) return `${m}月没有学习安排。`;
  return `${m}月${planned ? '（按支部规定预计）' : ''}的学习日：\n${list(sessions, schedule.topic)}`;
}

async function aroundHoliday(ctx: BotContext, schedule: ScheduleDoc, holiday: string): Promise<string> {
  const period = nextHolidayPeriod(holiday, civilIsoDate(ctx.now, ctx.timeZone));
  if (!period) return `还查不到${holiday}的放假安排。\n${await nextSessions(ctx, schedule)}`;
  const span = `${formatDay(period.first)}至${formatDay(period.last)}`;
  // Sessions a holiday moved sit up to a month away from it, in either direction.
  const { sessions } = await sessionsIn(ctx, schedule, addDays(period.first, -31), addDays(period.last, 31));
  const touched = sessions.filter(
    (s) =>
      (s.date >= period.first && s.date <= period.last) ||
      (s.originalDate !== null && s.originalDate >= period.first && s.originalDate <= period.last),
  );
  const head = `${period.name}放假：${span}。`;
  if (touched.length === 0)
    return `${head}期间没有学习日，学习照常按原安排。\n${await nextSessions(ctx, schedule)}`;
  return `${head}\n${list(touched, schedule.topic)}\n支部规定：${scheduleLine(schedule)}`;
}

/** 学习日 and free questions (「下次学习是哪天」「国庆放假 学习还开不开」): day, time, place, topic, shifts explained. */
export const studyWhen = defineCommand<Question>({
  id: 'study.when',
  triggers: ['学习日', '下次学习', '学习时间'],
  // Question words, not 学习 alone: 「今天参加了党课学习」 is an activity to log, not a question.
  audience: 'registered',
  summary: '查学习日安排',
  examples: ['学习日', '下次学习是哪天', '国庆放假 学习还开不开', '明天是不是要开会'],
  parse(rest, { now, timeZone }) {
    const holiday = holidayMentioned(rest);
    if (holiday) return ok({ about: 'holiday', holiday });
    const date = parseDate(rest, now, timeZone, { prefer: 'future' });
    if (date) return ok({ about: 'day', date: date.date });
    const months = parseMonths(rest, now, timeZone, { prefer: 'future' });
    if (months?.months.length === 1) return ok({ about: 'month', month: months.months[0]! });
    return ok({ about: 'next' });
  },
  async handle(ctx, question) {
    const { branchId } = memberInBranch(ctx);
    const schedule = await branchSchedule(ctx, branchId);
    const reply =
      question.about === 'holiday'
        ? await aroundHoliday(ctx, schedule, question.holiday)
        : question.about === 'day'
          ? await onDay(ctx, schedule, question.date)
          : question.about === 'month'
            ? await inMonth(ctx, schedule, question.month)
            : await nextSessions(ctx, schedule);
    await ctx.reply(reply);
  },
});
