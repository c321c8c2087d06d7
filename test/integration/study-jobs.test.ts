import type { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScheduledJob } from '../../jobs/scheduled/run.js';
import type { AttendanceKind } from '../../src/domain/study/index.js';
import { studyFigures } from '../../src/study/figures.js';
import { materialiseBranch } from '../../src/study/materialise.js';
import { saveSchedule } from '../../src/study/schedules.js';
import { type ClockedBot, startClockedBot } from '../support/clocked-bot.js';
import { seedCommunity } from '../support/seed.js';
import { textOf, waitFor } from '../support/test-bot.js';

/**
 * A fixture of held sessions for 居民第一支部 (李建国, 刘强, 周明 expected) and what the figures, the absence alerts and
 * the six-month digest make of it.
 */

let c: ClockedBot;
const models = () => c.bot.runtime.deps.models;
const run = (name: string, at: string) => runScheduledJob(c.bot.runtime.deps, name, new Date(at));
let communityId: Types.ObjectId;
let first: Types.ObjectId;
const PEOPLE = ['lijianguo', 'liuqiang', 'zhouming'] as const;
const ids = {} as Record<(typeof PEOPLE)[number], Types.ObjectId>;

/** Date → [李建国, 刘强, 周明]; null = no record (absent). */
const FIXTURE: Array<[string, Array<AttendanceKind | null>]> = [
  ['2026-06-10', ['signed', 'leave', null]],
  ['2026-06-25', ['signed', 'leave', null]],
  ['2026-07-10', ['makeup', 'leave', 'leave']],
  ['2026-07-25', ['signed', 'leave', null]],
  ['2026-08-10', ['signed', 'leave', null]],
  ['2026-08-25', ['remote', 'leave', null]],
  ['2026-09-10', ['signed', 'leave', 'signed']],
  ['2026-09-25', ['home_delivered', null, null]],
  ['2026-10-10', ['signed', 'leave', null]],
];

async function seedFixture() {
  for (const p of PEOPLE) ids[p] = (await models().Member.findOne({ wecomUserId: p }))!._id;
  for (const [date, kinds] of FIXTURE) {
    const session = await models().StudySession.create({
      communityId,
      branchId: first,
      date,
      time: '19:00',
      durationMinutes: 120,
      place: '社区党群服务中心',
      origin: 'rule',
      expectedMemberIds: PEOPLE.map((p) => ids[p]),
    });
    for (const [i, kind] of kinds.entries()) {
      if (!kind) continue;
      await models().Attendance.create({
        communityId,
        branchId: first,
        sessionId: session._id,
        memberId: ids[PEOPLE[i]!],
        kind,
        reason: kind === 'leave' ? '在外地' : '',
        byMemberId: ids[PEOPLE[i]!],
        at: new Date(`${date}T19:05:00+08:00`),
      });
    }
  }
  // Cancelled days do not count.
  await models().StudySession.create({
    communityId,
    branchId: first,
    date: '2026-09-01',
    time: '19:00',
    durationMinutes: 120,
    place: '社区党群服务中心',
    origin: 'rule',
    status: 'cancelled',
    reason: '停电',
  });
}

beforeAll(async () => {
  c = await startClockedBot('2026-10-11T09:00:00+08:00', { users: ['lijianguo', 'liuqiang', 'zhouming'] });
  const seeded = await seedCommunity(models());
  communityId = seeded.community._id;
  first = seeded.branches.first._id;
  await seedFixture();
}, 60_000);
afterAll(async () => {
  await c?.bot.close();
});

describe('studyFigures (for reports)', () => {
  it('counts each held session and gives every member a row', async () => {
    const figures = await studyFigures(
      models(),
      { communityId, branchId: first },
      { from: '2026-09-01', to: '2026-10-31' },
      c.now(),
      'Asia/Shanghai',
    );
    expect(figures.sessions.map(({ sessionId: _, branchId: __, ...s }) => s)).toEqual([
      {
        date: '2026-09-10',
        time: '19:00',
        branchName: '居民第一支部',
        expected: 3,
        signed: 2,
        leave: 1,
        remote: 0,
        absent: 0,
      },
      {
        date: '2026-09-25',
        time: '19:00',
        branchName: '居民第一支部',
        expected: 3,
        signed: 0,
        leave: 0,
        remote: 1,
        absent: 2,
      },
      {
        date: '2026-10-10',
        time: '19:00',
        branchName: '居民第一支部',
        expected: 3,
        signed: 1,
        leave: 1,
        remote: 0,
        absent: 1,
      },
    ]);
    expect(figures.records.filter((r) => r.memberName === '周明').map((r) => [r.date, r.outcome])).toEqual([
      ['2026-09-10', 'signed'],
      ['2026-09-25', 'absent'],
      ['2026-10-10', 'absent'],
    ]);
  });

  it('leaves out sessions that have not ended', async () => {
    const figures = await studyFigures(
      models(),
      { branchId: first },
      { from: '2026-10-10', to: '2026-10-10' },
      new Date('2026-10-10T20:59:00+08:00'),
      'Asia/Shanghai',
    );
    expect(figures.sessions).toEqual([]);
  });
});

describe('study-absence-alerts', () => {
  it('tells the secretaries about 3 absences in a row without leave, once per run', async () => {
    expect(await run('study-absence-alerts', '2026-10-11T09:30:00+08:00')).toBe('连续缺席提醒：新提醒 0 人');
    // 周明 misses 25 October too: his third in a row.
    const session = await models().StudySession.create({
      communityId,
      branchId: first,
      date: '2026-10-25',
      time: '19:00',
      durationMinutes: 120,
      place: '社区党群服务中心',
      origin: 'rule',
      expectedMemberIds: Object.values(ids),
    });
    await models().Attendance.create({
      communityId,
      branchId: first,
      sessionId: session._id,
      memberId: ids.lijianguo,
      kind: 'signed',
      byMemberId: ids.lijianguo,
      at: new Date('2026-10-25T19:00:00+08:00'),
    });
    expect(await run('study-absence-alerts', '2026-10-26T09:30:00+08:00')).toBe('连续缺席提醒：新提醒 1 人');
    expect(await run('study-absence-alerts', '2026-10-27T09:30:00+08:00')).toBe('连续缺席提醒：新提醒 0 人');
    await c.flush();
    const alert = await waitFor(
      () =>
        c.bot.standin
          .messages({ touser: 'lijianguo' })
          .map(textOf)
          .find((t) => t.includes('连续')),
      (t) => t !== undefined,
      5_000,
      'the absence alert',
    );
    expect(alert).toBe(
      '居民第一支部：周明（9月25日（周五）起连续3次） 连续3次以上没有参加学习，也没有请假。请及时了解情况，谈心谈话；确有困难的，可以安排送学上门或远程学习。',
    );
  });
});

describe('study-inactive-digest', () => {
  it('flags, on the 1st, members with no participation in six months, as facts for the branch', async () => {
    expect(await run('study-inactive-digest', '2026-12-01T09:00:00+08:00')).toBe(
      '2026-12 六个月未参加学习提示：1 人',
    );
    expect(await run('study-inactive-digest', '2026-12-01T09:00:00+08:00')).toBe(
      '2026-12 六个月未参加学习提示：0 人',
    );
    await c.flush();
    const digest = await waitFor(
      () =>
        c.bot.standin
          .messages({ touser: 'lijianguo' })
          .map(textOf)
          .find((t) => t.includes('学习情况提示')),
      (t) => t !== undefined,
      5_000,
      'the digest',
    );
    expect(digest).toContain('居民第一支部 学习情况提示（6月至11月）');
    expect(digest).toContain('刘强（应参加10次，请假8次）');
    expect(digest).not.toContain('周明');
    expect(digest).toContain('党章第九条');
    expect(digest).toContain('不是结论');
  });
});

describe('a new rule after reminders went out', () => {
  it('cancels the reminded days the rule no longer gives, and tells the members', async () => {
    c.set('2026-11-20T10:00:00+08:00');
    const schedule = await saveSchedule(models(), {
      communityId,
      branchId: first,
      draft: {
        rule: { kind: 'monthDays', days: [10, 25] },
        time: '19:00',
        durationMinutes: 120,
        place: '社区党群服务中心',
        holidayPolicy: 'postpone',
        topic: '',
      },
      by: null,
    });
    await materialiseBranch(models(), schedule, '2026-11-20');
    expect(await run('study-reminders', '2026-11-24T18:00:00+08:00')).toBe(
      '学习日提醒：前一天提醒 3 人，当天提醒 0 人',
    );
    await c.flush();
    const carded = () =>
      PEOPLE.filter((p) => c.bot.standin.messages({ touser: p }).some((m) => m.msgtype === 'template_card'));
    await waitFor(carded, (who) => who.length === 3, 5_000, 'the reminder cards');
    expect(await c.say('lijianguo', '设置学习日 每月第一、第三个周四 19:00 社区党群服务中心')).toMatch(
      /原来已通知过的1次学习随之取消，已告诉本支部党员。$/,
    );
    await c.flush();
    await waitFor(
      () => textOf(c.bot.standin.messages({ touser: 'liuqiang' }).at(-1)),
      (t) => t.startsWith('【学习日取消】原定11月25日（周三）19:00的学习取消。原因：支部调整了学习日安排。'),
      5_000,
      'the cancellation',
    );
    const left = await models()
      .StudySession.find({ branchId: first, date: { $gte: '2026-11-20' } })
      .sort({ date: 1 });
    expect(left.map((s) => [s.date, s.status])).toEqual([
      ['2026-11-25', 'cancelled'],
      ['2026-12-03', 'scheduled'],
      ['2026-12-17', 'scheduled'],
      ['2027-01-07', 'scheduled'],
    ]);
  });

  it('tells members of a new time for a day they were already reminded of', async () => {
    c.set('2026-12-02T19:00:00+08:00');
    expect(await run('study-reminders', '2026-12-02T18:00:00+08:00')).toMatch(/前一天提醒 3 人/);
    expect(await c.say('lijianguo', '设置学习日 每月第一、第三个周四 19:30 社区党群服务中心')).toMatch(
      /已通知过的1次学习改了时间或地点，已告诉本支部党员。$/,
    );
    await c.flush();
    await waitFor(
      () => c.bot.standin.messages({ touser: 'zhouming' }).map(textOf),
      (texts) =>
        texts.includes(
          '【学习日调整】12月3日（周四）的学习改为19:30开始，地点：社区党群服务中心。请相互转告。',
        ),
      5_000,
      'the new time',
    );
    expect((await models().StudySession.findOne({ branchId: first, date: '2026-12-03' }))?.time).toBe(
      '19:30',
    );
  });
});

describe('sessions planned before their year’s holidays were published', () => {
  const on = (date: string) => models().StudySession.findOne({ branchId: first, date });

  it('are re-planned once the calendar knows the year: moved off the holiday with notice, others marked known', async () => {
    const blind = {
      communityId,
      branchId: first,
      time: '19:30',
      durationMinutes: 120,
      place: '社区党群服务中心',
      origin: 'rule' as const,
      calendarKnown: false,
    };
    // As planned while 2026 was unknown: 国庆 taken for a working day, and a stale shift on an ordinary day.
    const holiday = await models().StudySession.create({ ...blind, date: '2026-10-01' });
    await models().StudySession.create({
      ...blind,
      date: '2026-10-15',
      originalDate: '2026-10-14',
      reason: '旧',
    });
    await models().Reminder.create({
      communityId,
      memberId: ids.liuqiang,
      kind: 'study-eve',
      period: String(holiday._id),
      jobId: 'study-eve-blind',
    });
    expect(await run('study-sessions', '2026-09-25T00:20:00+08:00')).toMatch(/因节假日取消并通知 1 次/);
    expect(await on('2026-10-01')).toMatchObject({
      status: 'cancelled',
      reason: '国庆节放假顺延到10月8日（周四）',
    });
    expect(await on('2026-10-08')).toMatchObject({
      status: 'scheduled',
      originalDate: '2026-10-01',
      reason: '国庆节放假顺延',
      calendarKnown: true,
    });
    expect(await on('2026-10-15')).toMatchObject({ originalDate: null, reason: '', calendarKnown: true });
    await c.flush();
    await waitFor(
      () => c.bot.standin.messages({ touser: 'liuqiang' }).map(textOf),
      (texts) =>
        texts.includes(
          '【学习日取消】原定10月1日（周四）19:30的学习取消。原因：国庆节放假顺延到10月8日（周四）。\n发「学习日」可查看下次安排。',
        ),
      5_000,
      'the cancellation',
    );
  });

  it('replan re-applies the day’s shift, not just time and place', async () => {
    await models().StudySession.updateOne(
      { branchId: first, date: '2026-11-05' },
      { $set: { originalDate: '2026-11-04', reason: '旧的原因' } },
    );
    const schedule = (await models().StudySchedule.findOne({ branchId: first }).lean())!;
    await materialiseBranch(models(), schedule, '2026-11-01', { until: '2026-11-05', replan: true });
    expect(await on('2026-11-05')).toMatchObject({ status: 'scheduled', originalDate: null, reason: '' });
  });
});
