import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALENDAR_INSTANTS } from '../support/clock.js';
import { imagesTo, JPEG, numberIn, sendPhoto, textsAfter } from '../support/complaints.js';
import { seedCommunity } from '../support/seed.js';
import { startTestBot, type TestBot } from '../support/test-bot.js';

/** The same problem reported twice: the second reporter is asked, and follows the original if it is. */
describe.each(Object.entries(CALENDAR_INSTANTS))('at %s', (_, at) => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({
      at,
      users: ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'liuqiang', 'lijianguo', 'sunli'],
    });
    await seedCommunity(bot.runtime.deps.models);
  });
  afterAll(async () => {
    await bot?.close();
  });

  const Complaint = () => bot.runtime.deps.models.Complaint;
  const sent = (userId: string) => bot.standin.messages({ touser: userId }).length;

  describe('a second report of an open problem in the same building', () => {
    let original = '';

    it('is asked whether it is the same problem by building and category only, nothing of the other person’s', async () => {
      original = numberIn(await bot.say('first', '5号楼下水道堵了 一楼返水'));
      await sendPhoto(bot, 'second'); // 'second' is not registered: anyone may be asked
      const question = await bot.say('second', '5号楼2单元的下水道又堵了');
      expect(question).toMatch(/^5号楼最近已有居民反映过「下水道堵塞」问题。\n请问和您说的是同一个问题吗？/);
      // Not the number, state, time or words of someone else's complaint.
      for (const theirs of [original, '待受理', '一楼返水']) expect(question).not.toContain(theirs);
      expect(question).not.toMatch(/\d+月\d+日|\d{1,2}:\d\d/);
      expect(question).toMatch(/是同一个问题吗？回复「是」[\s\S]*取消/);
      expect(question).not.toContain('first');
    });

    it('yes: filed as 重复 of the original, the reporter follows it, the handler hears of it', async () => {
      const before = sent('liuqiang');
      const reply = await bot.say('second', '是的');
      const duplicate = numberIn(reply);
      expect(reply).toContain(`已并入 ${original}（下水道堵塞，5号楼，待受理），由刘强负责办理`);
      expect(reply).toContain('已附上1张照片');
      // The notice, and the photo (after its caption) as an image: three messages, in no fixed order.
      const told = await textsAfter(bot, 'liuqiang', before, 3);
      expect(told).toContainEqual(
        expect.stringContaining(`诉求 ${original}（5号楼）又有居民反映同一问题（${duplicate}）`),
      );
      expect(told).toContain(`${duplicate} 反映人补充的照片`);
      expect(await imagesTo(bot, 'liuqiang')).toEqual([JPEG]);
      const saved = await Complaint().findOne({ number: duplicate });
      expect(saved).toMatchObject({
        state: 'duplicate',
        duplicateOfNumber: original,
        handlerUserId: 'liuqiang',
      });
      expect(saved?.photos).toHaveLength(1);
      expect((await Complaint().findOne({ number: original }))?.subscribers).toEqual(['first', 'second']);
    });

    it('the follower hears every step of the original, and sees it in 我的反映', async () => {
      const before = { first: sent('first'), second: sent('second') };
      await bot.say('liuqiang', `受理 ${original}`);
      const [toFirst] = await textsAfter(bot, 'first', before.first);
      const [toSecond] = await textsAfter(bot, 'second', before.second);
      expect(toFirst).toMatch(new RegExp(`^您反映的 ${original}.*已受理`));
      expect(toSecond).toMatch(new RegExp(`^您反映过的同一问题 ${original}.*已受理`));
      await bot.say('liuqiang', `办结 ${original} 已疏通`);
      const [resolvedToSecond] = await textsAfter(bot, 'second', before.second + 1);
      expect(resolvedToSecond).toContain('已办结：已疏通');
      expect(resolvedToSecond).not.toContain('评价'); // only the reporter rates
      const mine = await bot.say('second', '我的反映');
      expect(mine).toContain(`${original} 下水道堵塞 · 5号楼 · 已办结`);
      expect(mine).toContain('（您反映过同一问题）');
      expect(mine).toMatch(/已并入/);
    });

    it('no: filed as a complaint of its own', async () => {
      const open = numberIn(await bot.say('first', '6号楼楼道灯不亮'));
      const question = await bot.say('third', '6号楼3单元楼道灯坏了');
      expect(question).toContain('6号楼最近已有居民反映过「路灯楼道灯」问题');
      const reply = await bot.say('third', '不是');
      expect(reply).not.toContain(open);
      expect(reply).toMatch(/已收到您的反映，编号/);
      const saved = await Complaint().findOne({ number: numberIn(reply) });
      expect(saved).toMatchObject({ state: 'pending', duplicateOf: null, unit: '3单元' });
    });

    it('a counter-question gets the question explained, and the answer then counts', async () => {
      await bot.say('fourth', '6号楼楼道灯又不亮了');
      expect(await bot.say('fourth', '啥意思')).toMatch(
        /^我刚才问的是：6号楼最近已有居民反映过「路灯楼道灯」问题。[\s\S]*\n请直接回复「是」或「不是」。\n不想办了请回复「取消」。$/,
      );
      expect(await bot.say('fourth', '对')).toMatch(/已并入/);
    });
  });

  describe('重复 by the handler', () => {
    it('links the complaint to the original and its reporter follows it', async () => {
      const a = numberIn(await bot.say('third', '反映 5号楼有人遛狗不拴绳'));
      // Filed under another category, so not offered as the same: the handler links them.
      const b = numberIn(await bot.say('fourth', '反映 5号楼门口狗屎没人清 臭'));
      expect(b).not.toBe(a);
      expect(await bot.say('liuqiang', `重复 ${b} ${a}`)).toBe(
        `已将 ${b} 并入 ${a}，反映人会收到原诉求的办理进展。`,
      );
      expect((await Complaint().findOne({ number: a }))?.subscribers).toEqual(['third', 'fourth']);
      expect(await bot.say('liuqiang', `重复 ${a} ${a}`)).toBe('不能把诉求标为它自己的重复。');
      expect(await bot.say('liuqiang', `重复 ${a} ${b}`)).toBe(`${b} 本身是 ${a} 的重复，请写 ${a}。`);
    });

    it('everyone following the duplicate follows the original', async () => {
      const original = numberIn(await bot.say('third', '反映 6号楼有人遛狗不拴绳'));
      const duplicate = numberIn(await bot.say('fourth', '反映 6号楼门口狗屎没人清 臭'));
      expect(await bot.say('fifth', '6号楼门口狗屎又没人清 臭死了')).toContain('「环境卫生」');
      expect(await bot.say('fifth', '是')).toContain(`已并入 ${duplicate}`);
      await bot.say('liuqiang', `重复 ${duplicate} ${original}`);
      const saved = await Complaint().findOne({ number: original });
      expect([...saved!.subscribers].sort()).toEqual(['fifth', 'fourth', 'third']);
    });

    it('is refused when the original is finished', async () => {
      const original = numberIn(await bot.say('third', '反映 5号楼楼顶漏水'));
      await bot.say('liuqiang', `办结 ${original} 已修补`);
      const later = numberIn(await bot.say('sixth', '反映 5号楼乱停车 堵住消防通道'));
      expect(await bot.say('liuqiang', `重复 ${later} ${original}`)).toBe('原诉求已办结，请按新诉求办理。');
      expect(await Complaint().findOne({ number: later })).toMatchObject({
        state: 'pending',
        duplicateOf: null,
      });
    });

    it('a 转派 of the original takes its duplicates to the new handler', async () => {
      const original = numberIn(await bot.say('fifth', '反映 5号楼楼下烧烤店半夜吵'));
      expect(await bot.say('sixth', '5号楼烧烤店太吵了 睡不着')).toContain('「噪声扰民」');
      const joined = await bot.say('sixth', '是');
      expect(joined).toContain(`已并入 ${original}`);
      const duplicate = numberIn(joined);
      await bot.say('liuqiang', `转派 ${original} 孙丽`);
      expect(await Complaint().findOne({ number: duplicate })).toMatchObject({
        handlerUserId: 'sunli',
        handlerName: '孙丽',
      });
    });
  });
});
