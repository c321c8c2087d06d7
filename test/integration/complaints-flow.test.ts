import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complaintFigures } from '../../src/complaints/figures.js';
import { currentYearMonth } from '../../src/domain/text/index.js';
import { CALENDAR_INSTANTS } from '../support/clock.js';
import { cardTo, imagesTo, JPEG, numberIn, press, sendPhoto, textsAfter } from '../support/complaints.js';
import { seedCommunity } from '../support/seed.js';
import { startTestBot, type TestBot, textOf, waitFor } from '../support/test-bot.js';

/**
 * The "done when", through the real webhook: a resident reports a blocked drain with a photo, the
 * grid leader of that building gets the card and presses 受理, resolves it with a note, the reporter hears
 * every step and rates it, and 诉求统计 shows the three rates.
 */
describe.each(Object.entries(CALENDAR_INSTANTS))('at %s', (_, at) => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ at, users: ['zhangdama', 'liuqiang', 'lijianguo', 'zhaoxiuying'] });
    await seedCommunity(bot.runtime.deps.models);
  });
  afterAll(async () => {
    await bot?.close();
  });

  const complaints = () => bot.runtime.deps.models.Complaint;
  const sent = (userId: string) => bot.standin.messages({ touser: userId }).length;

  describe('a blocked drain, from report to rating', () => {
    let number = '';

    it('a resident the roster does not know reports it with a photo and gets a number and a handler', async () => {
      expect(await sendPhoto(bot, 'zhangdama', 'drain.jpg')).toMatch(/图片收到了/);
      const reply = await bot.say('zhangdama', '5号楼2单元下水道又堵了 一楼都返水了');
      number = numberIn(reply);
      expect(number).toMatch(/^\d{4}-0001$/);
      expect(reply).toContain('（下水道堵塞，5号楼2单元）');
      expect(reply).toContain('由幸福三网格网格长刘强负责处理');
      expect(reply).toContain('已附上1张照片');

      const [saved] = await complaints().find({ number });
      expect(saved).toMatchObject({
        state: 'pending',
        category: 'drain',
        building: '5号楼',
        unit: '2单元',
        handlerUserId: 'liuqiang',
        reporter: { userId: 'zhangdama', kind: 'resident', name: 'zhangdama' },
      });
      expect(saved?.photos).toHaveLength(1);
      expect(await bot.runtime.deps.models.Resident.countDocuments({ wecomUserId: 'zhangdama' })).toBe(1);
    });

    it('the grid leader gets the photo sent with the report as an image', async () => {
      expect(await imagesTo(bot, 'liuqiang')).toEqual([JPEG]);
      expect(bot.standin.messages({ touser: 'liuqiang' }).map(textOf)).toContain(
        `${number} 反映人补充的照片`,
      );
    });

    it('the grid leader of building 5 gets a card with [受理] [转派] and presses 受理', async () => {
      const card = await cardTo(bot, 'liuqiang');
      expect(card.card_type).toBe('button_interaction');
      expect(card.main_title?.title).toBe(`下水道堵塞 ${number}`);
      expect(card.button_list.map((b) => b.text)).toEqual(['受理', '转派']);
      const before = sent('zhangdama');
      expect(await press(bot, 'liuqiang', card, '受理')).toMatch(new RegExp(`^已受理 ${number}`));
      const update = await waitFor(
        () => bot.standin.cardUpdates(),
        (u) => u.length > 0,
        10_000,
        'the card update',
      );
      expect(update[0]).toMatchObject({ taskId: card.task_id, body: { button: { replace_name: '已受理' } } });
      const [told] = await textsAfter(bot, 'zhangdama', before);
      expect(told).toContain(`您反映的 ${number}（下水道堵塞，5号楼2单元）已受理，由刘强负责办理`);
    });

    it('the handler resolves it with a note and a photo; the reporter hears the result and is asked to rate', async () => {
      const before = sent('zhangdama');
      expect(await bot.say('liuqiang', `办结 ${number} 已疏通下水道，恢复正常`)).toMatch(/已办结.*请其评价/);
      expect(await sendPhoto(bot, 'liuqiang', 'fixed.jpg')).toBe(
        `照片已附到诉求 ${number}（办结）上，并已发给反映人。`,
      );
      const [told] = await textsAfter(bot, 'zhangdama', before);
      // The engine folds full-width punctuation (，→ ,) before commands see the text.
      expect(told).toContain('已办结：已疏通下水道，恢复正常');
      expect(told).toContain(`评价 ${number} 满意`);
      expect(await imagesTo(bot, 'zhangdama')).toEqual([JPEG]);
      expect(bot.standin.messages({ touser: 'zhangdama' }).map(textOf)).toContain(`${number} 办结照片`);
    });

    it('the reporter rates it, and the handler hears the verdict', async () => {
      const before = sent('liuqiang');
      expect(await bot.say('zhangdama', `评价 ${number} 满意 修得很快`)).toMatch(/谢谢您的评价/);
      const [told] = await textsAfter(bot, 'liuqiang', before);
      expect(told).toMatch(
        new RegExp(`^诉求 ${number} 反映人评价：满意，修得很快。（\\d+月\\d+日 \\d\\d:\\d\\d）$`),
      );
      const [saved] = await complaints().find({ number });
      expect(saved?.state).toBe('closed');
      expect(saved?.history.map((h) => h.step)).toEqual(['report', 'accept', 'resolve', 'rate']);
      expect(saved?.history[2]?.photos).toHaveLength(1);
      expect(saved?.photos).toHaveLength(2);
    });

    it('进度 tells the whole story', async () => {
      const story = await bot.say('zhangdama', `进度 ${number}`);
      expect(story).toContain('状态：已回访');
      expect(story).toMatch(/受理（刘强）/);
      expect(story).toMatch(/办结（刘强）：已疏通下水道，恢复正常（照片1张）/);
      expect(story).toMatch(/评价（反映人）：满意，修得很快/);
    });

    it('诉求统计 shows the three rates by grid, category and status', async () => {
      const stats = await bot.say('lijianguo', '诉求统计');
      expect(stats).toMatch(/诉求统计 · \d{4}年\d{1,2}月（本支部）/);
      expect(stats).toContain('收到1件：响应率100%（1/1），办结率100%（1/1），满意率100%（1/1）');
      expect(stats).toContain('按网格：G03 幸福三网格 1件');
      expect(stats).toContain('按类别：下水道堵塞1');
      expect(stats).toContain('按状态：已回访1');
      // The other branch's secretary answers for no grid that branch leads.
      expect(await bot.say('zhaoxiuying', '诉求统计')).toMatch(/没有收到居民诉求/);
    });

    it('我的反映 lists it for the reporter', async () => {
      const mine = await bot.say('zhangdama', '我的反映');
      expect(mine).toContain(`${number} 下水道堵塞 · 5号楼2单元 · 已回访 · 承办人刘强`);
    });

    it('gives the secretary’s desk the month’s figures, for the community or a branch', async () => {
      const { models } = bot.runtime.deps;
      const community = await models.Community.findOne();
      const communityId = community!._id;
      const month = currentYearMonth(bot.clock.now(), 'Asia/Shanghai');
      const figures = await complaintFigures(models, { communityId }, [month], bot.clock.now());
      expect(figures).toMatchObject({
        months: [month],
        received: 1,
        respondedOnTime: 1,
        resolved: 1,
        rated: 1,
        satisfied: 1,
        responseRate: 1,
        resolutionRate: 1,
        satisfactionRate: 1,
      });
      expect(figures.byGrid).toEqual([
        expect.objectContaining({ name: 'G03 幸福三网格', received: 1, categories: { drain: 1 } }),
      ]);
      expect(figures.byCategory).toEqual([{ category: 'drain', label: '下水道堵塞', received: 1 }]);
      expect(figures.byStatus).toEqual([{ state: 'closed', label: '已回访', count: 1 }]);
      const retired = await models.Branch.findOne({ name: '退休支部' });
      const branch = { communityId, branchId: retired!._id };
      expect((await complaintFigures(models, branch, [month], bot.clock.now())).received).toBe(0);
    });
  });
});
