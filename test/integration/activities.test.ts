import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDay } from '../../src/domain/activity.js';
import { parseDate } from '../../src/domain/text/index.js';
import { CALENDAR_INSTANTS } from '../support/clock.js';
import { deliverRepeatedly } from '../support/redelivery.js';
import { seedCommunity } from '../support/seed.js';
import { startTestBot, type TestBot, textOf } from '../support/test-bot.js';

describe.each(Object.entries(CALENDAR_INSTANTS))('activities at %s', (_, at) => {
  let bot: TestBot;
  const day = (words: string) => parseDate(words, bot.clock.now(), 'Asia/Shanghai')!.date;

  beforeAll(async () => {
    bot = await startTestBot({
      at,
      users: ['wangguilan', 'wanghai', 'zhaoxiuying', 'lijianguo', 'zhouming', 'chenshufen'],
    });
    await seedCommunity(bot.runtime.deps.models);
  });
  afterAll(async () => {
    await bot?.close();
  });

  const monthOf = (date: string) => `${date.slice(0, 4)}年${Number(date.slice(5, 7))}月`;
  const say = (userId: string, text: string) => bot.say(userId, text);

  const activities = () => bot.runtime.deps.models.Activity;

  describe('recording an activity in one message', () => {
    it('understands free phrasing and answers with what it recorded', async () => {
      const reply = await say('wangguilan', '昨天下午去3号楼王奶奶家走访了两个小时');
      expect(reply).toContain(`已记录：走访慰问 · ${formatDay(day('昨天'))} · 2小时`);
      expect(reply).toContain('撤销');
      const [saved] = await activities().find({ description: /王奶奶/ });
      expect(saved).toMatchObject({ type: 'visit', date: day('昨天'), minutes: 120 });
    });

    it('shows it in 我的活动 with the total', async () => {
      // Asked for the month it was in: on the 1st, 昨天 is last month.
      const mine = await say('wangguilan', `我的活动 ${monthOf(day('昨天'))}`);
      expect(mine).toMatch(/共1次活动，合计2小时/);
      expect(mine).toContain('王奶奶');
    });

    it('records one activity however often WeCom or the queue delivers the message', async () => {
      await deliverRepeatedly(
        bot,
        { fromUser: 'wanghai', content: '今天巡河两小时', msgId: '7459035031717799001' },
        1,
      );
      expect(await activities().countDocuments({ sourceMsgId: '7459035031717799001' })).toBe(1);
    });

    it('asks what kind of activity when it cannot tell, and records the answer', async () => {
      expect(await say('chenshufen', '记一下 今天去了趟社区')).toMatch(/哪一类活动/);
      expect(await say('chenshufen', '志愿服务')).toMatch(/^已记录：志愿服务/);
    });

    it('refuses days in the future, days too long ago, and more than 24 hours in a day', async () => {
      expect(await say('lijianguo', '记一下 明天去值班')).toMatch(/还没到/);
      expect(await say('lijianguo', '记一下 2026-01-02 巡河 两小时')).toMatch(/60天以内/);
      expect(await say('lijianguo', '今天值班 20小时')).toMatch(/^已记录/);
      expect(await say('lijianguo', '今天巡河 5小时')).toMatch(/超过24小时/);
    });
  });

  describe('撤销', () => {
    it('removes the last entry of the last 24 hours, once', async () => {
      await say('zhouming', '今天参加了党课学习 一个小时');
      expect(await say('zhouming', '撤销')).toMatch(/^已撤销：.*学习教育/);
      expect(await say('zhouming', '撤销')).toMatch(/24小时内没有可以撤销的活动记录/);
      expect(await say('zhouming', '我的活动')).toMatch(/还没有活动记录/);
      expect(await activities().countDocuments({ description: /党课/, undoneAt: { $ne: null } })).toBe(1);
    });
  });

  describe('photos as evidence', () => {
    it('attaches a photo sent right after the activity, storing the bytes', async () => {
      await say('wangguilan', '今天参加社区打扫卫生两个小时');
      const photo = Buffer.from([0xff, 0xd8, 0xff, 0xe0, ...Buffer.from('JFIF evidence photo bytes')]);
      const mediaId = bot.standin.putMedia(photo, 'clean-up.jpg', 'image/jpeg');
      const before = bot.standin.messages({ touser: 'wangguilan' }).length;
      await bot.wecom.sendImage('wangguilan', { mediaId });
      const reply = textOf((await bot.messagesTo('wangguilan', before + 1))[before]);
      expect(reply).toMatch(/照片已作为凭证附到.*志愿服务记录上/);
      const [saved] = await activities().find({ description: /打扫卫生/ });
      expect(saved?.evidence).toHaveLength(1);
      const evidence = await bot.runtime.deps.models.Evidence.findById(saved?.evidence[0]?.evidenceId);
      expect(Buffer.from(evidence!.data).equals(photo)).toBe(true);
      expect(evidence?.contentType).toBe('image/jpeg');
    });
  });

  describe('figures for the secretary', () => {
    it('活动统计 counts the branch by party group, type and member', async () => {
      const stats = await say('zhaoxiuying', `活动统计 ${monthOf(day('昨天'))}`);
      expect(stats).toMatch(/活动统计 · \d{4}年\d{1,2}月（本支部）/);
      expect(stats).toMatch(/按类型：.*走访慰问 1次\/2小时/);
      expect(stats).toMatch(/按党员（前10）：.*王桂兰 \d次/);
      expect(stats).not.toContain('李建国'); // another branch
    });

    it('志愿时长排行 ranks volunteer hours, and members cannot see it', async () => {
      expect(await say('zhouming', '志愿时长排行')).toMatch(/1\. .* \d+(\.\d)?小时/);
      expect(await say('wanghai', '志愿时长排行')).toMatch(/仅限/);
    });
  });
});
