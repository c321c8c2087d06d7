import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardTo, numberIn } from '../support/complaints.js';
import { seedCommunity } from '../support/seed.js';
import { startTestBot, type TestBot } from '../support/test-bot.js';

/**
 * The reporter's name and phone: in full for the reporter, the handler and secretaries; masked in every
 * other listing; absent from figures; and a complaint is not even found by people with no part in it.
 */

const FULL = '王桂兰 13800001234';
const MASKED = '王** 138****1234';

let bot: TestBot;
let number = '';
beforeAll(async () => {
  bot = await startTestBot({
    users: [
      'wangguilan',
      'neighbour',
      'nosy',
      'caller',
      'liuqiang',
      'lijianguo',
      'chenshufen',
      'sunli',
      'zhouming',
    ],
  });
  await seedCommunity(bot.runtime.deps.models);
  number = numberIn(await bot.say('wangguilan', '5号楼2单元下水道堵了 返水'));
  await bot.say('neighbour', '5号楼下水道堵了');
  await bot.say('neighbour', '是');
  // Past both limits, so that 超时诉求 lists it.
  await bot.runtime.deps.models.Complaint.updateOne(
    { number },
    {
      $set: {
        acceptDeadline: new Date(bot.clock.now().getTime() - 3600_000),
        resolveDeadline: new Date(bot.clock.now().getTime() - 60_000),
      },
    },
  );
});
afterAll(async () => {
  await bot?.close();
});

const shows = (text: string, full: boolean) => {
  if (full) {
    expect(text).toContain(FULL);
  } else {
    expect(text).toContain(MASKED);
    expect(text).not.toContain('13800001234');
    expect(text).not.toContain('王桂兰');
  }
};

describe('进度', () => {
  it.each([
    ['wangguilan', 'the reporter', true],
    ['liuqiang', 'the handler', true],
    ['lijianguo', 'a secretary', true],
    ['neighbour', 'someone following the same problem', false],
    ['chenshufen', 'an organiser', false],
    ['sunli', 'community staff who do not handle it', false],
    ['zhouming', 'an administrator', false],
  ])('%s (%s) sees the reporter in full: %s', async (userId, _who, full) => {
    shows(await bot.say(userId, `进度 ${number}`), full);
  });

  it('someone with no part in it is told it does not exist', async () => {
    expect(await bot.say('nosy', `进度 ${number}`)).toBe(`没有找到诉求 ${number}，请核对编号。`);
  });
});

describe('lists', () => {
  it('我的反映: the reporter in full, the follower masked', async () => {
    shows(await bot.say('wangguilan', '我的反映'), true);
    shows(await bot.say('neighbour', '我的反映'), false);
  });

  it('待办: the handler and the secretary in full, staff and administrators masked', async () => {
    shows(await bot.say('liuqiang', '待办'), true);
    shows(await bot.say('lijianguo', '待办'), true);
    shows(await bot.say('sunli', '待办'), false);
    shows(await bot.say('zhouming', '待办'), false);
  });

  it('超时诉求: the secretary in full, the others masked', async () => {
    const secretary = await bot.say('lijianguo', '超时诉求');
    expect(secretary).toContain('超时未受理、超时未办结');
    shows(secretary, true);
    shows(await bot.say('zhouming', '超时诉求'), false);
    shows(await bot.say('sunli', '超时诉求'), false);
  });

  it('诉求统计 names nobody', async () => {
    const stats = await bot.say('zhouming', '诉求统计');
    expect(stats).toMatch(/收到1件/);
    expect(stats).not.toMatch(/王|138/);
  });

  it('the handler’s card carries the reporter in full', async () => {
    const card = await cardTo(bot, 'liuqiang');
    expect(card.horizontal_content_list).toContainEqual({ keyname: '反映人', value: FULL });
  });

  it('what a follower reported is not shown to the other reporter', async () => {
    const story = await bot.say('wangguilan', `进度 ${number}`);
    expect(story).not.toContain('neighbour');
  });
});

describe('what residents write', () => {
  it('every phone number is taken out of a description; the reporter’s own is kept apart', async () => {
    const other = numberIn(
      await bot.say('caller', '9号楼楼道灯坏了 我电话139 0000 1111 物业经理13900002222 座机010-87654321'),
    );
    const saved = await bot.runtime.deps.models.Complaint.findOne({ number: other });
    expect(saved?.description).not.toMatch(/\d{4}/);
    expect(saved?.reporter.phone).toBe('13900001111');
  });

  it('补充: numbers taken out; the note reaches workers and its author, not the other residents', async () => {
    await bot.say('wangguilan', `补充 ${number} 楼上邻居 13911112222 或 010 8765 4321 都不接`);
    await bot.say('neighbour', `补充 ${number} 我家厨房也返水`);
    const saved = await bot.runtime.deps.models.Complaint.findOne({ number });
    const notes = saved!.history.filter((h) => h.step === 'note').map((h) => h.note);
    expect(notes).toEqual(['楼上邻居 或 都不接', '我家厨房也返水']);

    const handler = await bot.say('liuqiang', `进度 ${number}`);
    expect(handler).toContain('返水');
    expect(handler).toContain('楼上邻居 或 都不接');
    expect(handler).toContain('我家厨房也返水');
    const reporter = await bot.say('wangguilan', `进度 ${number}`);
    expect(reporter).toContain('楼上邻居');
    expect(reporter).not.toContain('厨房');
    const follower = await bot.say('neighbour', `进度 ${number}`);
    expect(follower).toContain('我家厨房也返水');
    expect(follower).not.toContain('楼上邻居');
    expect(follower).not.toContain('内容：');
    expect(follower).not.toContain('下水道堵了 返水');
  });
});
