import type { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClockedBot, startClockedBot } from '../support/clocked-bot.js';
import { SEEDED_USERS, seedCommunity } from '../support/seed.js';
import { textOf } from '../support/test-bot.js';

/** A question the bot asked takes only an answer that fits it; anything else is handled as what it is. */

let c: ClockedBot;
const models = () => c.bot.runtime.deps.models;
let retired: Types.ObjectId;

beforeAll(async () => {
  // Monday 7 December 2026, 10:00.
  c = await startClockedBot('2026-12-07T10:00:00+08:00', { users: [...SEEDED_USERS, 'resident-zhang'] });
  const seeded = await seedCommunity(models());
  retired = seeded.branches.retired._id as Types.ObjectId;
  expect(await c.say('zhaoxiuying', '设置学习日 每月10日、25日 19:00 老年活动中心 顺延')).toMatch(
    /^已设置退休支部/,
  );
}, 60_000);
afterAll(async () => {
  await c?.bot.close();
});

describe('a new activity sent while the bot asks the type of the last one', () => {
  // Nothing in the first activity names its kind, so the bot must ask (巡防 alone now reads as 志愿服务).
  it('is recorded on its own, and the first one is asked about again', async () => {
    expect(await c.say('wanghai', '记一下 昨天晚上在社区那边忙活 九点到十一点')).toMatch(
      /^请问这是哪一类活动/,
    );
    const before = c.bot.standin.messages({ touser: 'wanghai' }).length;
    const second = await c.say('wanghai', '昨天在老年大学给大家讲书法课两个钟头');
    expect(second).toMatch(/^已记录：文体活动 · 12月6日.* · 2小时 · /);
    expect(second).not.toContain('忙活');
    const reasked = (await c.bot.messagesTo('wanghai', before + 2))[before + 1];
    expect(textOf(reasked)).toMatch(
      /^刚才那条「昨天晚上在社区那边忙活 九点到十一点」还没办完：请问这是哪一类活动/,
    );
    expect(await c.say('wanghai', '志愿服务')).toMatch(/^已记录：志愿服务 · 12月6日.* · 2小时 · .*忙活/);
    const recorded = await models()
      .Activity.find({ description: /忙活|书法/ })
      .sort({ createdAt: 1 });
    expect(recorded.map((a) => [a.type, a.minutes])).toEqual([
      ['culture', 120],
      ['volunteer', 120],
    ]);
    expect(recorded.some((a) => a.description.includes('忙活') && a.description.includes('书法'))).toBe(
      false,
    );
  });
});

describe('a leave request sent while the bot asks yes or no', () => {
  it('is a leave, not a 「不是」', async () => {
    expect(await c.say('wanghai', '我要请假')).toMatch(/^(您是要请假|请问请假的原因)/);
    const reply = await c.say('wanghai', '下礼拜学习我去不了 要去闺女家');
    expect(reply).not.toMatch(/没有请假/);
    expect(reply).toMatch(/^已请假：12月10日/);
    const session = await models().StudySession.findOne({ branchId: retired, date: '2026-12-10' });
    const wanghai = await models().Member.findOne({ wecomUserId: 'wanghai' });
    const leave = await models().Attendance.findOne({ sessionId: session!._id, memberId: wanghai!._id });
    expect(leave?.kind).toBe('leave');
    expect(leave?.reason).toContain('闺女家');
  });
});

describe('a counter-question', () => {
  it('gets the question explained with an example, and the complaint is never filed with it as the place', async () => {
    expect(await c.say('resident-zhang', '反映 下水道又堵了 都返上来了')).toMatch(/^请问是在哪里/);
    for (const puzzled of ['啥意思', '？', '你说啥']) {
      const explained = await c.say('resident-zhang', puzzled);
      expect(explained).toMatch(/在哪里/);
      expect(explained).toMatch(/例如「5号楼2单元」/);
    }
    expect(await models().Complaint.countDocuments({})).toBe(0);
    expect(await c.say('resident-zhang', '5号楼2单元')).toMatch(/2026-\d{4}/);
    const filed = await models().Complaint.findOne({});
    expect(filed?.place ?? '').not.toMatch(/啥|？|\?|说啥/);
    expect(filed?.building).toBe('5号楼');
  });

  it('explains a yes-or-no question too', async () => {
    await c.say('wanghai', '销假');
    expect(await c.say('wanghai', '这周的会我去不了了 腿疼')).toMatch(/「是」/);
    const explained = await c.say('wanghai', '什么');
    expect(explained).toMatch(/请直接回复「是」或「不是」/);
    expect(await c.say('wanghai', '是')).toMatch(/^已请假/);
  });
});
