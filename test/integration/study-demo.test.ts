import type { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScheduledJob } from '../../jobs/scheduled/run.js';
import { cardKey } from '../../src/bot/command.js';
import { importDemo } from '../../src/roster/demo.js';
import type { RecordedMessage } from '../../src/standin/fake-wecom-api.js';
import { type ClockedBot, startClockedBot } from '../support/clocked-bot.js';
import { textOf, waitFor } from '../support/test-bot.js';

/**
 * The "done when", on the demo community: the reminder job the evening before a session reaches each branch
 * member once, members sign in and ask leave through the webhook (by text and by the card's buttons), and the
 * secretary receives a correct summary.
 */

let c: ClockedBot;
const models = () => c.bot.runtime.deps.models;
const run = (name: string, at: string) => runScheduledJob(c.bot.runtime.deps, name, new Date(at));
const cards = (userid: string) =>
  c.bot.standin.messages({ touser: userid }).filter((m) => m.msgtype === 'template_card');
const card = (m: RecordedMessage) => m.body.template_card as Record<string, unknown> & { task_id: string };
let first: { _id: Types.ObjectId; expected: Array<{ wecomUserId: string; status: string; name: string }> };
let second: { _id: Types.ObjectId; expected: Array<{ wecomUserId: string }> };
/** A member of 居民第一支部 who reads through WeChat for the same-day reminder. */
let reader: string;

beforeAll(async () => {
  // Tuesday 24 November 2026, noon. 居民第一支部 meets on the 10th and 25th at 19:00; 居民第二支部 on the second
  // and fourth Wednesday at 19:30 — 25 November is both.
  c = await startClockedBot('2026-11-24T12:00:00+08:00', { users: [] });
  await importDemo(models(), c.now());
  const people = await models().Member.find({}, { wecomUserId: 1, name: 1 }).lean();
  c.bot.standin.setUsers(people.map((p) => ({ userid: p.wecomUserId, name: p.name })));
  const sessionOf = async (branch: string) => {
    const b = await models().Branch.findOne({ name: branch });
    const session = await models().StudySession.findOne({ branchId: b!._id, date: '2026-11-25' });
    const expected = await models()
      .Member.find({ branchId: b!._id, roles: { $in: ['member'] }, status: { $in: ['active', 'mobile'] } })
      .lean();
    return { _id: session!._id, expected };
  };
  first = await sessionOf('居民第一支部');
  second = await sessionOf('居民第二支部');
}, 60_000);
afterAll(async () => {
  await c?.bot.close();
});

describe('the evening before: study-reminders at 18:00', () => {
  it('sends every member of both branches one reminder card, and nothing more when run again', async () => {
    const everyone = [...first.expected, ...second.expected].map((m) => m.wecomUserId);
    const report = await run('study-reminders', '2026-11-24T18:00:00+08:00');
    expect(report).toBe(`学习日提醒：前一天提醒 ${everyone.length} 人，当天提醒 0 人`);
    expect(await run('study-reminders', '2026-11-24T18:00:00+08:00')).toBe(
      '学习日提醒：前一天提醒 0 人，当天提醒 0 人',
    );
    expect(await run('study-reminders', '2026-11-24T18:15:00+08:00')).toBe(
      '学习日提醒：前一天提醒 0 人，当天提醒 0 人',
    );
    await c.flush();
    await waitFor(
      () => everyone.filter((u) => cards(u).length > 0).length,
      (n) => n === everyone.length,
      20_000,
      'a card to every member',
    );
    for (const user of everyone) expect(cards(user)).toHaveLength(1);
    // Nobody outside the two branches (the retired branch meets on the 5th and 20th).
    const retired = await models().Member.findOne({ wecomUserId: 'wangguilan' });
    expect(c.bot.standin.messages({ touser: retired!.wecomUserId })).toHaveLength(0);
  });

  it('is a button card [签到] [请假] keyed to the session, with the topic and a plain-text fallback', async () => {
    const sent = card(cards('lijianguo')[0]!);
    expect(sent).toMatchObject({
      card_type: 'button_interaction',
      main_title: { title: '明天是支部学习日' },
      button_list: [
        { text: '签到', key: cardKey('study.signin', String(first._id)) },
        { text: '请假', key: cardKey('study.leave', String(first._id)) },
      ],
    });
    expect(JSON.stringify(sent.horizontal_content_list)).toContain('学习贯彻党的二十届四中全会精神');
    const mobile = first.expected.find((m) => m.status === 'mobile')!;
    expect(String(card(cards(mobile.wecomUserId)[0]!).sub_title_text)).toContain('已学习');
    expect(String(sent.sub_title_text)).not.toContain('已学习');
  });

  it('is sent as text to members who read through WeChat (用微信接收)', async () => {
    reader = first.expected.find((m) => m.status !== 'mobile' && m.wecomUserId !== 'lijianguo')!.wecomUserId;
    await models().Member.updateOne({ wecomUserId: reader }, { $set: { plainTextOnly: true } });
  });

  it('sends the same-day reminder two hours before, once', async () => {
    const everyone = first.expected.length + second.expected.length;
    // 居民第一支部 starts at 19:00 (due from 17:00), 居民第二支部 at 19:30 (due from 17:30).
    expect(await run('study-reminders', '2026-11-25T17:00:00+08:00')).toBe(
      `学习日提醒：前一天提醒 0 人，当天提醒 ${first.expected.length} 人`,
    );
    expect(await run('study-reminders', '2026-11-25T17:30:00+08:00')).toBe(
      `学习日提醒：前一天提醒 0 人，当天提醒 ${everyone - first.expected.length} 人`,
    );
    expect(await run('study-reminders', '2026-11-25T17:45:00+08:00')).toMatch(/当天提醒 0 人/);
    await c.flush();
    await waitFor(
      () => cards('lijianguo').length,
      (n) => n === 2,
      10_000,
      'the second card',
    );
    expect(card(cards('lijianguo')[1]!).main_title).toMatchObject({ title: '今天是支部学习日' });
  });

  it('reached the member who reads through WeChat as text, not as a card', async () => {
    const texts = () => c.bot.standin.messages({ touser: reader }).filter((m) => m.msgtype === 'text');
    await waitFor(texts, (t) => t.length === 1, 5_000, 'the text reminder');
    expect(textOf(texts()[0])).toContain('学习贯彻党的二十届四中全会精神');
    expect(cards(reader)).toHaveLength(1);
    await models().Member.updateOne({ wecomUserId: reader }, { $set: { plainTextOnly: false } });
  });
});

describe('on the day: members answer through the webhook', () => {
  it('signs in by text inside the window, and once only', async () => {
    c.set('2026-11-25T18:29:00+08:00');
    expect(await c.say('chenshufen', '签到')).toMatch(/还没到签到时间.*18:30–21:00/);
    c.set('2026-11-25T18:45:00+08:00');
    expect(await c.say('chenshufen', '签到')).toMatch(
      /^签到成功！11月25日（周三）19:00，社区党群服务中心二楼会议室/,
    );
    expect(await c.say('chenshufen', '我到了')).toBe('您已经签到过了（18:45），不用再签。');
  });

  it('signs in from the card button and greys the button out with the event’s ResponseCode', async () => {
    c.set('2026-11-25T18:50:00+08:00');
    const reminder = card(cards('liuqiang')[0]!);
    const { responseCode, reply } = await c.press('liuqiang', {
      eventKey: cardKey('study.signin', String(first._id)),
      taskId: reminder.task_id,
    });
    expect(reply).toMatch(/^签到成功！/);
    const update = await waitFor(
      () => c.bot.standin.cardUpdates().find((u) => u.body.response_code === responseCode),
      (u) => u !== undefined,
      5_000,
      'update_template_card',
    );
    expect(update?.body).toMatchObject({ userids: ['liuqiang'], button: { replace_name: '已签到' } });
    expect(update?.taskId).toBe(reminder.task_id);
  });

  it('asks leave from the card: recorded at once, the reason asked for, the secretary told twice', async () => {
    const member = first.expected.find(
      (m) => !['lijianguo', 'majianjun', 'chenshufen', 'liuqiang'].includes(m.wecomUserId),
    )!;
    const reminder = card(cards(member.wecomUserId)[0]!);
    const { responseCode, reply } = await c.press(member.wecomUserId, {
      eventKey: cardKey('study.leave', String(first._id)),
      taskId: reminder.task_id,
    });
    expect(reply).toMatch(/已为您请假.*\n方便的话，请直接回复请假原因/);
    await waitFor(
      () => c.bot.standin.cardUpdates().find((u) => u.body.response_code === responseCode),
      (u) => u?.body.button !== undefined,
      5_000,
      'the leave card update',
    );
    expect(await c.say(member.wecomUserId, '去医院复查')).toMatch(
      /^已请假：.*\n原因：去医院复查\n已转告支部书记。能来了请发「销假」。$/,
    );
    const notices = await waitFor(
      () =>
        c.bot.standin
          .messages({ touser: 'lijianguo' })
          .map(textOf)
          .filter((t) => t.startsWith(member.name)),
      (t) => t.length === 2,
      5_000,
      'two leave notices',
    );
    expect(notices).toEqual([
      `${member.name}请假：11月25日（周三）19:00的学习。原因：未填写原因`,
      `${member.name}请假：11月25日（周三）19:00的学习。原因：去医院复查`,
    ]);
    const leave = await models().Attendance.findOne({ sessionId: first._id, kind: 'leave' });
    expect(leave?.reason).toBe('去医院复查');
  });

  it('refuses leave once the session has ended', async () => {
    c.set('2026-11-25T21:05:00+08:00');
    expect(await c.say('zhangwei', '请假 2026-11-25 加班')).toMatch(/已经结束了，不能再请假/);
  });
});

describe('after the session: the summary to the secretaries', () => {
  it('gives 应到/实到/请假/远程/缺席 with names and rates, once', async () => {
    const report = await run('study-summary', '2026-11-25T21:10:00+08:00');
    expect(report).toBe('学习情况汇总：发出 2 份');
    expect(await run('study-summary', '2026-11-25T21:40:00+08:00')).toBe('学习情况汇总：发出 0 份');
    await c.flush();
    const summary = await waitFor(
      () =>
        c.bot.standin
          .messages({ touser: 'lijianguo' })
          .map(textOf)
          .find((t) => t.includes('学习情况：')),
      (t) => t !== undefined,
      10_000,
      'the summary',
    );
    const n = first.expected.length;
    const onLeave = (await models().Attendance.findOne({ sessionId: first._id, kind: 'leave' }))!;
    const leaveName = (await models().Member.findById(onLeave.memberId))!.name;
    expect(summary).toContain(
      `居民第一支部 11月25日（周三）学习情况：\n应到${n}人，实到2人，请假1人，远程0人，缺席${n - 3}人。`,
    );
    expect(summary).toContain(`到会率${Math.round((2 / n) * 100)}%`);
    expect(summary).toContain('实到：陈淑芬、刘强\n');
    expect(summary).toContain(`请假：${leaveName}（去医院复查）`);
    expect(summary).toMatch(/缺席：.+/);
    const session = await models().StudySession.findById(first._id);
    expect(session?.expectedMemberIds).toHaveLength(n);
  });
});
