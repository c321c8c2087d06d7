import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DialogueStore } from '../../src/bot/dialogue.js';
import { SEEDED_USERS, seedCommunity } from '../support/seed.js';
import { startTestBot, type TestBot } from '../support/test-bot.js';

/**
 * Free sentences of the kinds the keyword matcher got wrong (issue #15), through the real webhook: residents
 * not on the roster, members telling stories and asking questions, officers' free phrasing, and the yes/no
 * question about a guess.
 */
let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot({ users: [...SEEDED_USERS, 'resident', 'resident2'] });
  await seedCommunity(bot.runtime.deps.models);
});
afterAll(async () => {
  await bot?.close();
});

const say = (userId: string, text: string) => bot.say(userId, text);
const NOT_REGISTERED = /还没有您的登记信息/;

describe('a resident not on the roster is heard as a resident', () => {
  it.each(['楼道里的声控灯不亮好久了', '楼上天天半夜拖椅子', '小区门口的井水往外冒'])(
    '「%s」 starts a complaint, not 「not registered」',
    async (text) => {
      const reply = await say('resident', text);
      expect(reply).not.toMatch(NOT_REGISTERED);
      // Filed at once when the sentence says where (小区门口), else the intake asks where.
      expect(reply).toMatch(/在哪里|已收到您的反映/);
      await say('resident', '取消');
    },
  );

  it('asking after 「the thing I said last week」 shows their latest complaint', async () => {
    expect(await say('resident2', '我上周说的那个事有人管没')).toMatch(/还没有反映过问题/);
    const filed = await say('resident2', '6号楼1单元楼道里的声控灯不亮好久了');
    const number = /\d{4}-\d{4}/.exec(filed)?.[0];
    expect(number).toBeDefined();
    const progress = await say('resident2', '我上周说的那个事有人管没');
    expect(progress).toContain(number!);
    expect(progress).not.toMatch(NOT_REGISTERED);
  });

  it('is greeted and thanked without being sent to register for a chat', async () => {
    const hello = await say('resident', '你好');
    expect(hello).toMatch(/^您好！我是社区党建助手.*问题/);
    expect(await say('resident', '谢谢你们 辛苦了')).toMatch(/^不客气/);
  });
});

describe('members telling and asking in their own words', () => {
  it('an activity told as a story is recorded with its type inferred', async () => {
    const reply = await say('wangguilan', '昨儿在活动室给大伙儿唱了几段京剧');
    expect(reply).toMatch(/^已记录：文体活动 · 11月|^已记录：文体活动/);
    await say('wangguilan', '撤销');
  });

  it('a question about activities is not recorded as one', async () => {
    expect(await say('wangguilan', '我这个月做了几次志愿')).not.toMatch(/已记录/);
  });

  it('「下礼拜学习我去不了了」 is a leave, not a question about the schedule', async () => {
    expect(await say('wangguilan', '下礼拜学习我去不了了')).toMatch(/请假/);
  });

  it('「我每月工资五千二 党费该交多少」 asks the standard, not my own status', async () => {
    expect(await say('lijianguo', '我每月工资五千二 党费该交多少')).toMatch(/每月应交 78\.00元（在职/);
  });

  it('greetings and thanks get a short friendly answer naming what the bot does for them', async () => {
    expect(await say('wangguilan', '你好')).toMatch(/^王桂兰您好！.*记活动.*查党费/);
    expect(await say('wangguilan', '谢谢')).toMatch(/^不客气！/);
    expect(await say('wangguilan', '在吗')).toMatch(/^王桂兰您好！/);
  });

  it('a sentence that belongs to no command gets the short help with two likely commands', async () => {
    const reply = await say('wangguilan', '今天天气怎么样');
    expect(reply).toMatch(/^没太明白您的意思/);
    expect(reply).toMatch(/帮助/);
  });
});

describe("officers' free phrasing", () => {
  it.each([
    ['哪些人党费还没交', /欠|未交|没交/],
    ['这个月收了多少党费', /应交党费|收缴/],
    ['还有几个诉求没办完', /诉求|没有/],
    ['把王桂兰的资料调出来', /王桂兰（退休支部/],
  ])('「%s」', async (text, answer) => {
    const reply = await say('zhaoxiuying', text);
    expect(reply).toMatch(answer);
    expect(reply).not.toMatch(/没太明白/);
  });

  it('a member asking an officer-only question is told it is for officers', async () => {
    expect(await say('wanghai', '哪些人党费还没交')).toMatch(/仅限支部书记/);
  });
});

describe('the yes/no question about a guess', () => {
  /** The bot has just asked `userId` whether `text` was an activity to record (its guess at the sentence). */
  async function guessedActivity(userId: string, text: string): Promise<DialogueStore> {
    const store = new DialogueStore(bot.runtime.deps.redis);
    await store.set(userId, {
      commandId: 'activity.log',
      text,
      missing: 'guess',
      question: '您是想记录活动吗？',
      expects: { kind: 'yes-no', example: '是' },
    });
    return store;
  }

  it('「是」 runs the guessed command on the sentence as first written', async () => {
    const store = await guessedActivity('wanghai', '昨天下午去3号楼看了看孤寡老人赵大爷 陪他坐了一个钟头');
    const reply = await say('wanghai', '是');
    expect(reply).toMatch(/^已记录：走访慰问/);
    expect(reply).toContain('孤寡老人赵大爷');
    expect(await store.get('wanghai')).toBeNull();
  });

  it('「不是」 writes nothing and points to what the bot can do', async () => {
    await guessedActivity('wanghai', '昨天去看了老李');
    expect(await say('wanghai', '不是')).toMatch(/帮助/);
    expect(await bot.runtime.deps.models.Activity.countDocuments({ description: /老李/ })).toBe(0);
  });

  it('anything else is read as a new message', async () => {
    const store = await guessedActivity('wanghai', '昨天去看了老李');
    expect(await say('wanghai', '你好')).toMatch(/^王海您好/);
    expect(await store.get('wanghai')).toBeNull();
  });
});
