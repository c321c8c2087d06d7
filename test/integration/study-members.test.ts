import type { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScheduledJob } from '../../jobs/scheduled/run.js';
import { cardKey } from '../../src/bot/command.js';
import { type ClockedBot, startClockedBot } from '../support/clocked-bot.js';
import { SEEDED_USERS, seedCommunity } from '../support/seed.js';
import { textOf, waitFor } from '../support/test-bot.js';

/** Study days through the real webhook: the secretary's commands, members' questions, sign-in and leave rules. */

let c: ClockedBot;
const models = () => c.bot.runtime.deps.models;
const USERS = SEEDED_USERS;
const latest = (userid: string) => textOf(c.bot.standin.messages({ touser: userid }).at(-1));
const sessionOn = async (branch: Types.ObjectId, date: string) =>
  (await models().StudySession.findOne({ branchId: branch, date }))!;
let first: Types.ObjectId;

beforeAll(async () => {
  // Sunday 20 September 2026 — itself a make-up workday for 国庆.
  c = await startClockedBot('2026-09-20T10:00:00+08:00', { users: [...USERS, 'zhangmin'] });
  const seeded = await seedCommunity(models());
  first = seeded.branches.first._id;
  await models().Member.create({
    communityId: seeded.community._id,
    wecomUserId: 'zhangmin',
    name: '张敏',
    roles: ['member'],
    branchId: first,
    status: 'mobile',
    mobility: { whereTo: '广东省深圳市', since: '2026-03-01' },
  });
}, 60_000);
afterAll(async () => {
  await c?.bot.close();
});

describe('the secretary sets the rule', () => {
  it('plans the coming sessions, moving 1 October to the first working day after 国庆', async () => {
    const reply = await c.say('lijianguo', '设置学习日 每月1日、15日 19:00 社区党群服务中心 顺延');
    expect(reply).toBe(
      [
        '已设置居民第一支部的学习日：每月1日、15日 19:00，社区党群服务中心（遇法定节假日顺延到节后第一个工作日）',
        '接下来的安排：',
        '10月8日（周四）19:00，社区党群服务中心（原定10月1日，国庆节放假顺延）',
        '10月15日（周四）19:00，社区党群服务中心',
        '11月1日（周日）19:00，社区党群服务中心',
        '11月15日（周日）19:00，社区党群服务中心',
      ].join('\n'),
    );
    expect(await c.say('zhaoxiuying', '设置学习日 每月第二、第四个周三 下午2点半 老年活动中心 提前')).toMatch(
      /^已设置退休支部的学习日：每月第二、第四个周三 14:30，老年活动中心（遇法定节假日提前到节前最后一个工作日）/,
    );
  });

  it('asks a community-wide officer which branch, and a missing part', async () => {
    expect(await c.say('zhouming', '设置学习日 每月5日 19:00 会议室')).toMatch(/请写明是哪个支部/);
    expect(await c.say('lijianguo', '设置学习日 每月10日、25日')).toMatch(/^请问几点开始？/);
    expect(await c.say('lijianguo', '取消')).toBe('好的，已取消。');
  });

  it('is the secretary’s: a member is refused', async () => {
    expect(await c.say('wangguilan', '设置学习日 每月5日 19:00 会议室')).toMatch(/仅限支部书记/);
  });
});

describe('members ask', () => {
  it.each([
    [
      '国庆放假 学习还开不开',
      /^国庆节放假：10月1日（周四）至10月7日（周三）。\n10月8日（周四）19:00，社区党群服务中心（原定10月1日，国庆节放假顺延）/,
    ],
    [
      '下次学习是哪天',
      /^下次学习：10月8日（周四）19:00，社区党群服务中心（原定10月1日，国庆节放假顺延）\n再下次：10月15日/,
    ],
    ['学习日 10月15日', /^10月15日（周四）19:00，社区党群服务中心$/],
    ['明天是不是要开会', /^9月21日（周一）没有学习安排。\n下次学习：10月8日/],
  ])('%s', async (question, answer) => {
    expect(await c.say('liuqiang', question)).toMatch(answer);
  });

  it('is told there is nothing today when signing in on another day', async () => {
    expect(await c.say('liuqiang', '签到')).toBe(
      '今天没有学习安排。下次学习：10月8日（周四）19:00，社区党群服务中心。',
    );
  });
});

describe('the secretary changes single days', () => {
  it('sets a topic and a link that members then see', async () => {
    expect(await c.say('lijianguo', '学习主题 10月15日 学习党章 https://www.12371.cn/dz')).toMatch(
      /^已设置10月15日（周四）（居民第一支部）的学习主题：学习党章\n学习材料：https:\/\/www.12371.cn\/dz/,
    );
    expect(await c.say('liuqiang', '学习日 10月15日')).toContain(
      '主题：学习党章\n学习材料：https://www.12371.cn/dz',
    );
  });

  it('moves a day and tells every member; the rule does not bring the old day back', async () => {
    expect(await c.say('lijianguo', '调整学习日 10月15日 改到 10月16日 下午3点')).toBe(
      '已调整：10月15日（周四）19:00 → 10月16日（周五）15:00，社区党群服务中心。已通知4名党员。',
    );
    await c.flush();
    await waitFor(
      () => latest('zhangmin'),
      (t) => t.startsWith('【学习日调整】'),
      5_000,
      'the move notice',
    );
    expect(latest('zhangmin')).toBe(
      '【学习日调整】原定10月15日（周四）19:00的学习，改到10月16日（周五）15:00，社区党群服务中心。请相互转告。',
    );
    expect(c.bot.standin.messages({ touser: 'wangguilan' }).map(textOf)).not.toContainEqual(
      expect.stringContaining('学习日调整'),
    );
    await runScheduledJob(c.bot.runtime.deps, 'study-sessions', c.now());
    expect((await sessionOn(first, '2026-10-15')).status).toBe('moved');
    expect(await c.say('liuqiang', '学习日 10月15日')).toContain('（已改到10月16日：支部调整）');
    expect((await sessionOn(first, '2026-10-16')).topic).toBe('学习党章');
  });

  it('tells members of each quick correction of the place, and says so when nothing changes', async () => {
    expect(await c.say('zhaoxiuying', '调整学习日 10月14日 改到 10月14日 老年活动中心')).toBe(
      '和原来的安排一样（10月14日（周三）14:30，老年活动中心），没有改动，也没有通知党员。',
    );
    const notices = () =>
      c.bot.standin
        .messages({ touser: 'wangguilan' })
        .map(textOf)
        .filter((t) => t.startsWith('【学习日调整】原定10月14日'));
    for (const place of ['社区活动室', '老年活动中心']) {
      expect(await c.say('zhaoxiuying', `调整学习日 10月14日 改到 10月14日 ${place}`)).toBe(
        `已调整：10月14日（周三）14:30 → 10月14日（周三）14:30，${place}。已通知4名党员。`,
      );
    }
    await c.flush();
    await waitFor(notices, (n) => n.length === 2, 5_000, 'both corrections');
    expect(notices().sort()).toEqual(
      ['社区活动室', '老年活动中心']
        .map(
          (p) =>
            `【学习日调整】原定10月14日（周三）14:30的学习，改到10月14日（周三）14:30，${p}。请相互转告。`,
        )
        .sort(),
    );
  });

  it('cancels a day with the reason, and members are told', async () => {
    expect(await c.say('lijianguo', '取消学习日 11月1日 社区停电')).toBe(
      '已取消11月1日（周日）（居民第一支部）的学习，原因：社区停电。已通知4名党员。',
    );
    await c.flush();
    await waitFor(
      () => latest('liuqiang'),
      (t) => t.startsWith('【学习日取消】'),
      5_000,
      'the cancel notice',
    );
    expect(await c.say('liuqiang', '学习日 11月1日')).toContain('（已取消：社区停电）');
    expect(await c.say('lijianguo', '取消学习日 11月1日 社区停电')).toMatch(/没有学习安排/);
  });

  it('lists the month for the secretary', async () => {
    const plan = await c.say('lijianguo', '学习安排 下月');
    expect(plan).toMatch(/^2026年10月学习安排（本支部）\n10月8日（周四）19:00/);
    expect(plan).toContain('10月15日（周四）19:00，社区党群服务中心（已改到10月16日：支部调整）');
  });
});

describe('a month reaching past the days written ahead', () => {
  it('shows the stored sessions with their changes, and the rule’s plan only beyond', async () => {
    c.set('2026-10-05T10:00:00+08:00');
    await runScheduledJob(c.bot.runtime.deps, 'study-sessions', c.now());
    expect(await c.say('lijianguo', '学习主题 12月1日 学习党的二十届四中全会精神')).toMatch(/^已设置12月1日/);
    const december = await c.say('zhangmin', '学习日 2026年12月');
    expect(december).toMatch(/^12月（按支部规定预计）的学习日：\n12月1日（周二）19:00，社区党群服务中心/);
    expect(december).toContain('主题：学习党的二十届四中全会精神');
    expect(december).toContain('12月15日（周二）19:00');
  });
});

describe('on 8 October: the sign-in window and who may sign in', () => {
  it('opens 30 minutes before the start and closes at the end', async () => {
    c.set('2026-10-08T18:29:59+08:00');
    expect(await c.say('lijianguo', '签到')).toBe(
      '还没到签到时间。今天10月8日（周四）19:00的学习，签到时间是18:30–21:00，到时再发「签到」。',
    );
    c.set('2026-10-08T18:30:00+08:00');
    expect(await c.say('lijianguo', '签到')).toBe('签到成功！10月8日（周四）19:00，社区党群服务中心。');
    expect(await c.say('lijianguo', '签到')).toBe('您已经签到过了（18:30），不用再签。');
    c.set('2026-10-08T21:00:00+08:00');
    expect(await c.say('liuqiang', '签到')).toMatch(
      /^10月8日（周四）19:00的学习已经结束（签到时间18:30–21:00），不能再签到了/,
    );
    expect(await models().Attendance.countDocuments({ kind: 'signed' })).toBe(1);
  });

  it('refuses signing in for someone else; the secretary records it with 补签', async () => {
    c.set('2026-10-08T19:10:00+08:00');
    expect(await c.say('liuqiang', '帮我老伴也签一个 她也来了')).toMatch(/^签到只能本人签/);
  });

  it('refuses staff: they are not expected at the session', async () => {
    const refused =
      /^签到、请假和远程学习登记，是本支部正式党员和预备党员参加学习用的；您不在这次学习的应到名单里/;
    expect(await c.say('sunli', '签到')).toMatch(refused);
    expect(await c.say('sunli', '请假 家里有事')).toMatch(refused);
    expect(await models().Attendance.countDocuments({ memberId: { $exists: true } })).toBe(
      await models().Attendance.countDocuments({ kind: { $in: ['signed', 'makeup'] } }),
    );
    expect(await c.say('wangguilan', '补签 刘强 没带手机')).toMatch(/仅限支部书记/);
    expect(await c.say('lijianguo', '补签 刘强')).toBe('请写明原因，例如「补签 刘强 扫码签不上」。');
    expect(await c.say('lijianguo', '补签 刘强 没带手机')).toBe(
      '已登记：刘强 10月8日（周四）的学习「补签」（没带手机）。',
    );
    expect(await c.say('lijianguo', '补签刘强没带手机')).toBe(
      '刘强10月8日（周四）的学习已经是「补签」，不用再登记。',
    );
  });

  it('asks before taking a free sentence as leave, and 销假 withdraws a leave', async () => {
    c.set('2026-10-08T19:15:00+08:00');
    const asked =
      '您是要请假，不参加10月8日（周四）19:00的学习吗？\n是请回复「是」；不是请回复「不是」。\n（如果是反映问题，请发「反映 …」。）';
    // A problem that merely says 来不了 is heard as a problem, not a leave.
    expect(await c.say('zhouming', '楼道灯不亮好几天了 物业一直来不了')).toMatch(/在哪里/);
    expect(await c.say('zhouming', '取消')).toBe('好的，已取消。');
    expect(await c.say('zhouming', '孙子发烧 今天来不了')).toBe(asked);
    expect(await c.say('zhouming', '不是')).toBe('好的，没有请假。要请假请发「请假 原因」。');
    expect(await models().Attendance.countDocuments({ kind: 'leave' })).toBe(0);
    expect(await c.say('zhouming', '孙子发烧 今天来不了')).toBe(asked);
    expect(await c.say('zhouming', '是')).toBe(
      '已请假：10月8日（周四）19:00的学习。\n原因：孙子发烧 今天来不了\n已转告支部书记。能来了请发「销假」。',
    );
    expect(await c.say('zhouming', '销假')).toBe(
      '已销假：10月8日（周四）19:00的学习，请按时参加。已转告支部书记。',
    );
    expect(await models().Attendance.countDocuments({ kind: 'leave' })).toBe(0);
    await waitFor(
      () => latest('lijianguo'),
      (t) => t.startsWith('周明销假'),
      5_000,
      'the 销假 notice',
    );
    expect(await c.say('zhouming', '销假')).toBe('您近期的学习没有请假，不用销假。');
  });

  it('takes leave before the end, tells the secretary, and refuses it after', async () => {
    c.set('2026-10-08T19:20:00+08:00');
    expect(await c.say('zhouming', '请假 身体不舒服')).toBe(
      '已请假：10月8日（周四）19:00的学习。\n原因：身体不舒服\n已转告支部书记。能来了请发「销假」。',
    );
    await waitFor(
      () => latest('lijianguo'),
      (t) => t.startsWith('周明请假'),
      5_000,
      'the leave notice',
    );
    expect(await c.say('lijianguo', '请假 临时有事')).toBe(
      '您10月8日（周四）19:00的学习已经登记为「签到」，不用请假。',
    );
    c.set('2026-10-08T21:01:00+08:00');
    const session = await sessionOn(first, '2026-10-08');
    const { reply } = await c.press('zhangmin', {
      eventKey: cardKey('study.leave', String(session._id)),
      taskId: 'late-press-1',
    });
    expect(reply).toMatch(/已经结束了，不能再请假/);
    expect(c.bot.standin.cardUpdates()).toHaveLength(0);
  });

  it('records remote study by a mobile member afterwards, tells the secretary, and answers questions', async () => {
    c.set('2026-10-09T09:00:00+08:00');
    expect(await c.say('zhangmin', '我在深圳上班回不去 这个月主题党日线上参加行不行')).toMatch(
      /^在外地或行动不便不能到场的，可以远程学习/,
    );
    expect(await c.say('zhangmin', '已学习 2026-10-16')).toBe(
      '10月16日（周五）的学习还没开始。学习开始后，学完材料再发「已学习」。',
    );
    expect(await models().Attendance.countDocuments({ kind: 'remote' })).toBe(0);
    expect(await c.say('zhangmin', '已学习')).toBe(
      '已登记：您远程学习了10月8日（周四）的内容。已转告支部书记。',
    );
    await waitFor(
      () => latest('lijianguo'),
      (t) => t === '张敏登记了远程学习：10月8日（周四）的学习。',
      5_000,
      'the remote notice',
    );
    expect(await c.say('zhangmin', '已学习')).toBe('您10月8日（周四）的学习已经登记为「远程学习」了。');
  });

  it('closes remote study of a session when the next one starts', async () => {
    c.set('2026-10-16T15:00:00+08:00');
    expect(await c.say('zhouming', '已学习 10月8日')).toMatch(
      /^10月8日（周四）的学习已经过了登记远程学习的时间/,
    );
    expect(await models().Attendance.countDocuments({ kind: 'remote' })).toBe(1);
  });
});

describe('the retired branch: 送学上门, and the figures', () => {
  it('records home delivery for an elderly member', async () => {
    c.set('2026-10-14T16:00:00+08:00');
    expect(await c.say('zhaoxiuying', '送学上门 王桂兰')).toBe(
      '已登记：王桂兰 10月14日（周三）的学习「送学上门」。',
    );
    expect(await c.say('zhaoxiuying', '送学上门 李建国')).toMatch(/没有找到这位党员（本支部）/);
  });

  it('gives the summary and 考勤', async () => {
    expect(
      await runScheduledJob(c.bot.runtime.deps, 'study-summary', new Date('2026-10-14T16:40:00+08:00')),
    ).toBe('学习情况汇总：发出 2 份');
    await c.flush();
    await waitFor(
      () => latest('zhaoxiuying'),
      (t) => t.includes('学习情况：'),
      5_000,
      'the summary',
    );
    // 居民第一支部's 10月8日 ended days ago, when the job did not run: it is summed up late rather than never.
    await waitFor(
      () => c.bot.standin.messages({ touser: 'lijianguo' }).map(textOf),
      (texts) => texts.some((t) => t.startsWith('居民第一支部 10月8日（周四）学习情况：')),
      5_000,
      'the late summary',
    );
    expect(latest('zhaoxiuying')).toBe(
      [
        '退休支部 10月14日（周三）学习情况：',
        '应到4人，实到0人，请假0人，远程1人，缺席3人。',
        '到会率0%，参学率（含远程）25%。',
        '远程：王桂兰（送学上门）',
        '缺席：陈淑芬、王海、赵秀英',
      ].join('\n'),
    );
    expect(await c.say('zhangmin', '考勤')).toBe(
      '张敏同志 2026年10月学习考勤：共1次，到场0次，远程1次，请假0次，缺席0次。\n10月8日（周四） 远程学习',
    );
    expect(await c.say('lijianguo', '考勤')).toBe(
      [
        '学习考勤 · 2026年10月（本支部）：1次学习，应到4人次',
        '到场2 远程1 请假1 缺席0，参学率75%',
        '没有人缺席。',
        '流动党员：张敏',
        '每人每次的明细，请发「导出 考勤 2026年10月」，会发来表格。',
      ].join('\n'),
    );
  });
});
