import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPLY } from '../../src/bot/replies.js';
import { NO_COMMUNITY } from '../../src/complaints/reporter.js';
import { imageMessageXml } from '../../src/standin/callback-client.js';
import { cardTo, imagesTo, JPEG, numberIn, textsAfter } from '../support/complaints.js';
import { deliverRepeatedly, handleAgain } from '../support/redelivery.js';
import { seedCommunity } from '../support/seed.js';
import { corp, startTestBot, type TestBot, textOf, waitFor } from '../support/test-bot.js';

/**
 * Filing a complaint: where it is (asked, a location message before or in answer, the reporter's home), who gets
 * it, its photos, retries.
 */

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot({
    users: ['lisi', 'wangwu', 'zhaoliu', 'sunqi', 'wangguilan', 'liuqiang', 'sunli', 'lijianguo'],
  });
  await seedCommunity(bot.runtime.deps.models);
});
afterAll(async () => {
  await bot?.close();
});

const complaint = (number: string) => bot.runtime.deps.models.Complaint.findOne({ number });
const sent = (userId: string) => bot.standin.messages({ touser: userId }).length;

describe('where it is', () => {
  it('asks when nothing says where, and files with the answer', async () => {
    expect(await bot.say('lisi', '反映 楼道灯坏了好几天了')).toMatch(/请问是在哪里？[\s\S]*取消/);
    const reply = await bot.say('lisi', '6号楼3单元');
    const saved = await complaint(numberIn(reply));
    expect(saved).toMatchObject({
      category: 'lighting',
      building: '6号楼',
      unit: '3单元',
      handlerUserId: 'liuqiang',
    });
    expect(saved?.description).toContain('楼道灯坏了好几天了');
  });

  it('takes a location message sent before the report; danger makes it urgent and the reply says whom to call', async () => {
    const before = sent('wangwu');
    await bot.wecom.sendLocation('wangwu', { latitude: 39.91, longitude: 116.39, label: '幸福里菜市场北口' });
    const [held] = await textsAfter(bot, 'wangwu', before);
    expect(held).toBe(REPLY.locationHeld);
    const reply = await bot.say('wangwu', '反映 这里电线掉地上了 还冒火花');
    expect(reply).toContain('（安全隐患，幸福里菜市场北口）');
    // No grid covers the market: the community's staff gets it.
    expect(reply).toContain('由社区工作人员孙丽负责处理，紧急诉求30分钟内受理、24小时内办结');
    expect(reply).toContain('119');
    const saved = await complaint(numberIn(reply));
    expect(saved).toMatchObject({ urgent: true, tier: 'urgent', building: null, handlerUserId: 'sunli' });
    expect(saved?.location).toMatchObject({ latitude: 39.91, longitude: 116.39, label: '幸福里菜市场北口' });
    expect((await cardTo(bot, 'sunli')).source?.desc).toBe('居民诉求 · 紧急');
  });

  it('a location sent in answer to 「在哪里？」 files it at once, routed by the building its label names', async () => {
    expect(await bot.say('zhaoliu', '反映 暖气不热')).toMatch(/请问是在哪里？/);
    const before = sent('zhaoliu');
    const label = '北京市朝阳区幸福里社区6号楼2单元';
    await bot.wecom.sendLocation('zhaoliu', { latitude: 39.9, longitude: 116.4, label });
    const reply = (await textsAfter(bot, 'zhaoliu', before)).join('\n');
    expect(reply).toContain('已收到您的反映');
    expect(reply).toContain('（供暖，6号楼2单元）');
    expect(reply).toContain('由幸福三网格网格长刘强负责处理');
    expect(await complaint(numberIn(reply))).toMatchObject({
      description: '暖气不热',
      building: '6号楼',
      unit: '2单元',
      place: null,
      handlerUserId: 'liuqiang',
      location: { latitude: 39.9, longitude: 116.4, label },
    });
  });

  it('a label naming no grid building is kept as the place, and the community’s staff gets it', async () => {
    await bot.say('zhaoliu', '反映 路灯不亮');
    const before = sent('zhaoliu');
    await bot.wecom.sendLocation('zhaoliu', { latitude: 39.9, longitude: 116.4, label: '幸福里小区南门' });
    const reply = (await textsAfter(bot, 'zhaoliu', before)).join('\n');
    expect(reply).toContain('（路灯楼道灯，幸福里小区南门）');
    expect(reply).toContain('由社区工作人员孙丽负责处理');
    expect(await complaint(numberIn(reply))).toMatchObject({
      building: null,
      place: '幸福里小区南门',
      handlerUserId: 'sunli',
    });
    // The location answered the question: it is not held for the next report too.
    expect(await bot.say('zhaoliu', '反映 楼道里有股怪味')).toMatch(/请问是在哪里？/);
    expect(await bot.say('zhaoliu', '取消')).toBe(REPLY.cancelled);
  });

  it('a location sent before the report is held as before, and the building in its label routes it', async () => {
    const before = sent('sunqi');
    await bot.wecom.sendLocation('sunqi', { latitude: 39.9, longitude: 116.4, label: '幸福里社区5号楼' });
    expect(await textsAfter(bot, 'sunqi', before)).toEqual([REPLY.locationHeld]);
    const reply = await bot.say('sunqi', '反映 这里有人遛狗不拴绳');
    expect(reply).toContain('（文明养犬，5号楼）');
    expect(reply).toContain('由幸福三网格网格长刘强负责处理');
  });

  it('a location while the bot asks something else is held too, and the answer takes it', async () => {
    expect(await bot.say('sunqi', '我要反映')).toMatch(/请说说遇到了什么问题/);
    const before = sent('sunqi');
    await bot.wecom.sendLocation('sunqi', { latitude: 39.9, longitude: 116.4, label: '幸福里社区小花园' });
    expect(await textsAfter(bot, 'sunqi', before)).toEqual([REPLY.locationHeld]);
    expect(await bot.say('sunqi', '长椅坏了')).toContain('（其他，幸福里社区小花园）');
  });

  it('「我家」 is the member’s registered home', async () => {
    const reply = await bot.say('wangguilan', '我家卫生间顶上漏水 墙皮都泡了');
    expect(reply).toContain('（房屋漏水，5号楼2单元）');
    expect(reply).toContain('复杂诉求2小时内受理、15天内办结');
    expect(await complaint(numberIn(reply))).toMatchObject({ building: '5号楼', tier: 'complex' });
  });

  it('a building no grid has goes to the community’s staff, named as written', async () => {
    const reply = await bot.say('sunqi', '99号楼下水道堵了');
    expect(reply).toContain('（下水道堵塞，99号楼）');
    expect(await complaint(numberIn(reply))).toMatchObject({
      building: null,
      place: '99号楼',
      handlerUserId: 'sunli',
    });
  });
});

describe('what comes with it', () => {
  it('keeps a typed phone as the contact, out of the text', async () => {
    const reply = await bot.say('lisi', '反映 6号楼电梯坏了 电话13912345678');
    const saved = await complaint(numberIn(reply));
    expect(saved?.reporter.phone).toBe('13912345678');
    expect(saved?.description).toBe('6号楼电梯坏了');
    const resident = await bot.runtime.deps.models.Resident.findOne({ wecomUserId: 'lisi' });
    expect(resident?.phone).toBe('13912345678');
  });

  it('a photo within 10 minutes attaches to the report and reaches the handler as an image, once', async () => {
    const reply = await bot.say('wangwu', '5号楼门口垃圾桶满了 臭得很');
    const number = numberIn(reply);
    const images = bot.standin.messages({ touser: 'liuqiang' }).filter((m) => m.msgtype === 'image').length;
    const uploads = bot.standin.counts().upload;
    const mediaId = bot.standin.putMedia(JPEG, 'bin.jpg', 'image/jpeg');
    const xml = imageMessageXml({ corpId: corp.corpId, agentId: corp.agentId, fromUser: 'wangwu', mediaId });
    const before = sent('wangwu');
    await bot.wecom.postXml(xml);
    expect(await textsAfter(bot, 'wangwu', before)).toEqual([
      `照片已附到诉求 ${number}（反映）上，并已发给处理人。`,
    ]);
    const received = await imagesTo(bot, 'liuqiang', images + 1);
    expect(received.at(-1)).toEqual(JPEG);
    expect(bot.standin.messages({ touser: 'liuqiang' }).map(textOf)).toContain(`${number} 反映人补充的照片`);
    expect(bot.standin.counts().upload).toBe(uploads + 1);
    expect((await complaint(number))?.history[0]?.photos).toHaveLength(1);

    // The same message handled again (a retried job) attaches and sends nothing more.
    await handleAgain(bot, xml);
    const { outbound } = bot.runtime.deps.queues;
    await waitFor(
      () => outbound.getJobCounts('waiting', 'active', 'delayed', 'prioritized'),
      (counts) => Object.values(counts).every((n) => n === 0),
      10_000,
      'the outbound queue to drain',
    );
    expect(bot.standin.messages({ touser: 'liuqiang' }).filter((m) => m.msgtype === 'image')).toHaveLength(
      images + 1,
    );
    expect((await complaint(number))?.photos).toHaveLength(1);
  });

  it('asks what the problem is when the report says nothing, and 取消 drops it', async () => {
    expect(await bot.say('sunqi', '我要反映')).toMatch(/请说说遇到了什么问题/);
    expect(await bot.say('sunqi', '取消')).toBe(REPLY.cancelled);
  });
});

describe('retries', () => {
  it('files one complaint however often WeCom or the queue delivers the message', async () => {
    const message = {
      fromUser: 'zhaoliu',
      content: '6号楼1单元 半夜装修 吵得睡不着',
      msgId: '7459035031717799123',
    };
    await deliverRepeatedly(bot, message, 4);
    const filed = await bot.runtime.deps.models.Complaint.find({ sourceKey: 'msg-7459035031717799123' });
    expect(filed).toHaveLength(1);
    expect(filed[0]?.category).toBe('noise');
  });
});

describe('a deployment without a community', () => {
  it('tells the person plainly that it cannot file yet', async () => {
    const empty = await startTestBot({ users: ['stranger'] });
    try {
      expect(await empty.say('stranger', '5号楼下水道堵了')).toBe(NO_COMMUNITY);
      expect(await empty.runtime.deps.models.Complaint.countDocuments()).toBe(0);
    } finally {
      await empty.close();
    }
  });
});

describe('the app menu', () => {
  it('「我要反映」 asks what the problem is', async () => {
    const before = sent('sunqi');
    await bot.wecom.sendEvent('sunqi', 'click', { EventKey: 'cmd:complaint.report' });
    const [question] = await textsAfter(bot, 'sunqi', before);
    expect(question).toMatch(/^请说说遇到了什么问题、在哪里/);
    expect(await bot.say('sunqi', '西区2栋门口路灯不亮')).toMatch(/已收到您的反映/);
  });
});
