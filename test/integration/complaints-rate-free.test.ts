import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORDINARY_DAY } from '../support/clock.js';
import { numberIn } from '../support/complaints.js';
import { seedCommunity } from '../support/seed.js';
import { startTestBot, type TestBot } from '../support/test-bot.js';

/**
 * Residents keep no numbers: after 办结 they answer 「修好了 挺满意的」 or 「还是堵 不满意」. The verdict goes to
 * the one complaint of theirs waiting for it, or the one the bot has just asked them to rate.
 */
describe('a verdict without a number, through the webhook', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ at: ORDINARY_DAY, users: ['sunayi', 'liuqiang'] });
    await seedCommunity(bot.runtime.deps.models);
  });
  afterAll(async () => {
    await bot?.close();
  });
  const stateOf = async (number: string) =>
    (await bot.runtime.deps.models.Complaint.findOne({ number }))?.state;

  it('with nothing waiting for a verdict, says so', async () => {
    expect(await bot.say('sunayi', '修好了 挺满意的')).toBe('您现在没有等待评价的诉求。');
  });

  it('rates the one complaint waiting for it', async () => {
    const number = numberIn(await bot.say('sunayi', '5号楼2单元楼道灯不亮了'));
    await bot.say('liuqiang', `办结 ${number} 已换灯泡`);
    expect(await bot.say('sunayi', '师傅来得挺快 给个好评')).toMatch(/谢谢您的评价/);
    expect(await stateOf(number)).toBe('closed');
  });

  it('with two waiting, the verdict answers the one the bot just asked about', async () => {
    const first = numberIn(await bot.say('sunayi', '5号楼门口垃圾没人清'));
    const second = numberIn(await bot.say('sunayi', '5号楼2单元下水道堵了'));
    await bot.say('liuqiang', `办结 ${first} 已清运`);
    await bot.say('liuqiang', `办结 ${second} 已疏通`);
    expect(await bot.say('sunayi', '修了跟没修一样 不满意')).toMatch(/已重新交给刘强办理/);
    expect([await stateOf(first), await stateOf(second)]).toEqual(['resolved', 'in_progress']);
  });
});
