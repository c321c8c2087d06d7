import type { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClockedBot, startClockedBot } from '../support/clocked-bot.js';
import { SEEDED_USERS, seedCommunity } from '../support/seed.js';

/** Wrong results a month of use found, each through the webhook. */

let c: ClockedBot;
const models = () => c.bot.runtime.deps.models;
let retired: Types.ObjectId;
const memberId = async (userId: string) => (await models().Member.findOne({ wecomUserId: userId }))!._id;
const session = (date: string) => models().StudySession.findOne({ branchId: retired, date });

beforeAll(async () => {
  // Sunday 6 December 2026, 07:02.
  c = await startClockedBot('2026-12-06T07:02:00+08:00', { users: SEEDED_USERS });
  const seeded = await seedCommunity(models());
  retired = seeded.branches.retired._id;
  expect(await c.say('zhaoxiuying', '设置学习日 每月10日、25日 19:00 老年活动中心 顺延')).toMatch(
    /^已设置退休支部/,
  );
}, 60_000);
afterAll(async () => {
  await c?.bot.close();
});

describe('调整学习日 into the past', () => {
  it('is refused at 07:02 for 6:00 the same morning, and nobody is told', async () => {
    const reply = await c.say('zhaoxiuying', '调整学习日 12月10日 改到 12月6日 早上6点');
    expect(reply).toMatch(/已经过去了/);
    expect((await session('2026-12-10'))?.status).toBe('scheduled');
    expect(await session('2026-12-06')).toBeNull();
    expect(c.bot.standin.messages({ touser: 'wangguilan' })).toHaveLength(0);
  });
});

describe('during the session', () => {
  it('补签 works once signing in has opened, before the start', async () => {
    c.set('2026-12-10T18:45:00+08:00');
    expect(await c.say('zhaoxiuying', '补签 王海 没带手机')).toMatch(/^已登记：王海 12月10日/);
    const record = await models().Attendance.findOne({
      sessionId: (await session('2026-12-10'))!._id,
      memberId: await memberId('wanghai'),
    });
    expect(record?.kind).toBe('makeup');
  });

  it('「已学习」 from an ordinary local member is not remote study: she is told to sign in or ask leave', async () => {
    c.set('2026-12-10T19:30:00+08:00');
    const reply = await c.say('wangguilan', '已学习');
    expect(reply).toMatch(/正在进行.*「签到」.*「请假/);
    const record = await models().Attendance.findOne({
      sessionId: (await session('2026-12-10'))!._id,
      memberId: await memberId('wangguilan'),
    });
    expect(record).toBeNull();
  });
});

describe('月报 names what a member owes in all', () => {
  it('a member 7 months behind is 「欠7个月」, not 「欠1个月（12月）」', async () => {
    const wanghai = await models().Member.findOne({ wecomUserId: 'wanghai' });
    await models().DuesCharge.create(
      ['2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12'].map((month) => ({
        communityId: wanghai!.communityId,
        memberId: wanghai!._id,
        branchId: retired,
        wecomUserId: 'wanghai',
        duesSchedule: 'monthly' as const,
        month,
        fen: 1_500,
      })),
    );
    const report = await c.say('zhaoxiuying', '月报');
    expect(report).toContain('应缴 15.00元 · 实缴 0.00元');
    expect(report).toMatch(/王海：欠7个月（[^）]*）105.00元/);
    // Months as a range, not 「6月、7月、8月…」.
    expect(report).toContain('王海：欠7个月（6–12月）105.00元');
  });
});

describe('who sees a member’s phone in 查成员', () => {
  it('her own branch’s secretary sees it in full; an admin of the community, masked', async () => {
    expect(await c.say('zhaoxiuying', '查成员 王桂兰')).toContain('手机：13800001234');
    const seen = await c.say('zhouming', '查成员 王桂兰');
    expect(seen).toContain('手机：138****1234');
    expect(seen).not.toContain('13800001234');
  });
});

describe('an activity’s description keeps no leftovers of the words read out', () => {
  it.each([
    ['我昨儿个下午在社区帮忙打扫卫生来着 干了俩钟头', '我下午在社区帮忙打扫卫生来着'],
    ['今天在小区门口帮着发宣传单 宣传了差不多两个小时', '在小区门口帮着发宣传单 宣传了'],
  ])('「%s」 is recorded as 「%s」', async (text, description) => {
    expect(await c.say('wangguilan', text)).toMatch(/^已记录：志愿服务 · 12月(9|10)日/);
    const recorded = await models()
      .Activity.findOne({ memberId: await memberId('wangguilan') })
      .sort({ createdAt: -1 });
    expect(recorded?.description).toBe(description);
  });
});
