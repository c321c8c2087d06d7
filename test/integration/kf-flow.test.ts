import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JPEG, numberIn, textsAfter } from '../support/complaints.js';
import { KF, KF_ACCOUNTS, kfSay, kfTexts, LIU, notify, ZHANG } from '../support/kf.js';
import { seedCommunity } from '../support/seed.js';
import { startTestBot, type TestBot, textOf, waitFor } from '../support/test-bot.js';

/**
 * The "done when": a resident who is not a corp member reports a blocked drain from plain WeChat
 * through 微信客服 (photo, location, words), the grid leader handles it in the WeCom app, and the resident
 * follows and rates it — all through the real webhook, kf/sync_msg and kf/send_msg on the stand-in.
 */

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot({ users: ['liuqiang', 'lijianguo', 'zhaoxiuying'], kfAccounts: KF_ACCOUNTS });
  await seedCommunity(bot.runtime.deps.models);
});
afterAll(async () => {
  await bot?.close();
});

const sent = (userId: string) => bot.standin.messages({ touser: userId }).length;

/** A member's command in the app; returns the first new message to them that matches `answer`. */
async function officer(userId: string, text: string, answer: RegExp): Promise<string> {
  const before = sent(userId);
  expect((await bot.wecom.sendText(userId, text)).status).toBe(200);
  const texts = await waitFor(
    () => bot.standin.messages({ touser: userId }).slice(before).map(textOf),
    (t) => t.some((m) => answer.test(m)),
    10_000,
    `${answer} to ${userId}`,
  );
  return texts.find((m) => answer.test(m))!;
}
const photo = () => ({
  msgtype: 'image' as const,
  image: { media_id: bot.standin.putMedia(JPEG, 'drain.jpg', 'image/jpeg') },
});
const building5 = {
  msgtype: 'location' as const,
  location: {
    latitude: 39.9219,
    longitude: 116.4436,
    name: '幸福里社区5号楼',
    address: '北京市朝阳区幸福里社区5号楼',
  },
};

describe('a resident on WeChat, from the QR code to the rating', () => {
  let number = '';

  it('the secretary gets the residents’ QR code as an image with its link', async () => {
    const before = sent('lijianguo');
    expect((await bot.wecom.sendText('lijianguo', '居民二维码')).status).toBe(200);
    const [caption, image] = await waitFor(
      () => bot.standin.messages({ touser: 'lijianguo' }).slice(before),
      (m) => m.length >= 2,
    );
    expect(textOf(caption)).toMatch(/^幸福里社区居民反映问题二维码（幸福里社区居民服务）：居民用微信扫一扫/);
    expect(textOf(caption)).toMatch(
      /链接：https:\/\/work\.weixin\.qq\.com\/kfid\/kfc\w+\?enc_scene=xingfuli$/,
    );
    expect(image?.msgtype).toBe('image');
    const { media_id } = image!.body.image as { media_id: string };
    const png = (await bot.runtime.deps.wecom.getMedia(media_id)).data;
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  });

  it('opening the link, the resident is welcomed with the 20-second welcome code', async () => {
    await notify(bot, bot.standin.kf.enter(KF, ZHANG, { nickname: '张大妈', scene: 'xingfuli' }));
    const [welcome] = await waitFor(
      () => bot.standin.kf.sentTo(ZHANG),
      (m) => m.length > 0,
    );
    expect(welcome?.via).toBe('send_msg_on_event');
    expect(textOf({ body: welcome!.body } as never)).toMatch(/^您好，这里是幸福里社区。\n小区里的问题/);
  });

  it('a voice message is answered: please type or send a photo', async () => {
    const voice = {
      msgtype: 'voice' as const,
      voice: { media_id: bot.standin.putMedia(Buffer.from('#!AMR\n0000'), 'v.amr', 'audio/amr') },
    };
    expect(await kfSay(bot, ZHANG, voice)).toEqual(['暂时听不懂语音，请您打字或发照片给我，谢谢。']);
  });

  it('photo, location, then words: filed, numbered and routed to building 5’s grid leader', async () => {
    expect((await kfSay(bot, ZHANG, photo()))[0]).toMatch(/^图片收到了/);
    expect((await kfSay(bot, ZHANG, building5))[0]).toMatch(/^位置收到了/);
    const [reply] = await kfSay(bot, ZHANG, '这里下水道又堵了 一楼都返水了 电话13911112222');
    number = numberIn(reply!);
    expect(reply).toContain('（下水道堵塞，5号楼）');
    expect(reply).toContain('由幸福三网格网格长刘强负责处理');
    expect(reply).toContain('已附上1张照片');

    const [saved] = await bot.runtime.deps.models.Complaint.find({ number });
    expect(saved).toMatchObject({
      building: '5号楼',
      handlerUserId: 'liuqiang',
      reporter: { userId: `kf:${ZHANG}`, kind: 'resident', name: '张**', phone: '13911112222' },
    });
    expect(saved?.location?.label).toContain('5号楼');
    const resident = await bot.runtime.deps.models.Resident.findOne({ wecomUserId: `kf:${ZHANG}` });
    expect(resident).toMatchObject({ name: '张**', channel: 'kf', phone: '13911112222' });
  });

  it('the grid leader sees in the app that it came through 微信客服, and accepts it', async () => {
    const card = await waitFor(
      () => bot.standin.messages({ touser: 'liuqiang' }).filter((m) => m.msgtype === 'template_card'),
      (c) => c.length > 0,
    );
    expect(JSON.stringify(card[0]?.body)).toContain('张** 13911112222（居民·微信客服）');
    const before = kfTexts(bot, ZHANG).length;
    await officer('liuqiang', `受理 ${number}`, new RegExp(`^已受理 ${number}`));
    const [told] = await waitFor(
      () => kfTexts(bot, ZHANG).slice(before),
      (t) => t.length > 0,
    );
    expect(told).toContain(`您反映的 ${number}（下水道堵塞，5号楼）已受理，由刘强负责办理`);
  });

  it('办结 reaches the resident with the way to rate and until when they can', async () => {
    const before = kfTexts(bot, ZHANG).length;
    await officer('liuqiang', `办结 ${number} 已疏通下水道`, /已办结/);
    const [told] = await waitFor(
      () => kfTexts(bot, ZHANG).slice(before),
      (t) => t.length > 0,
    );
    expect(told).toContain('已办结：已疏通下水道');
    expect(told).toContain(`评价 ${number} 满意`);
    expect(told).toMatch(/请在\d+月\d+日 \d\d:\d\d前回复评价，过后这里就不能再给您发消息了。$/);
  });

  it('the resident follows it with 我的反映 and 进度, and rates it', async () => {
    expect((await kfSay(bot, ZHANG, '我的反映'))[0]).toContain(
      `${number} 下水道堵塞 · 5号楼 · 已办结 · 承办人刘强`,
    );
    expect((await kfSay(bot, ZHANG, `进度 ${number}`))[0]).toMatch(/办结（刘强）：已疏通下水道/);
    const before = sent('liuqiang');
    expect((await kfSay(bot, ZHANG, `评价 ${number} 满意 修得很快`))[0]).toMatch(/谢谢您的评价/);
    const told = await textsAfter(bot, 'liuqiang', before);
    expect(told.some((t) => t.startsWith(`诉求 ${number} 反映人评价：满意，修得很快。`))).toBe(true);
    const [saved] = await bot.runtime.deps.models.Complaint.find({ number });
    expect(saved?.history.map((h) => h.step)).toEqual(['report', 'accept', 'resolve', 'rate']);
  });

  it('every message the resident got went through kf/send_msg, none through the app', () => {
    expect(bot.standin.messages({ touser: `kf:${ZHANG}` })).toEqual([]);
    expect(bot.standin.messages({ touser: ZHANG }).every((m) => m.channel === 'kf')).toBe(true);
  });
});

describe('two residents on WeChat, one problem', () => {
  let first = '';

  it('the second is asked 是/不是 without seeing the first one’s words or phone, and joins with 是', async () => {
    first = numberIn(
      (await kfSay(bot, ZHANG, '6号楼门口路灯坏了 晚上太黑 我电话13911112222', { nickname: '张大妈' }))[0]!,
    );
    const [question] = await kfSay(bot, LIU, '6号楼路灯不亮了', { nickname: '刘阿姨' });
    expect(question).toContain('6号楼最近已有居民反映过「路灯楼道灯」问题');
    expect(question).not.toContain('太黑');
    expect(question).not.toContain('13911112222');
    const [joined] = await kfSay(bot, LIU, '是');
    expect(joined).toContain(`已并入 ${first}`);
  });

  it('进度 of the shared complaint hides the other resident’s words and phone', async () => {
    const [story] = await kfSay(bot, LIU, `进度 ${first}`);
    expect(story).toContain(first);
    expect(story).not.toContain('太黑');
    expect(story).not.toContain('13911112222');
    expect(story).not.toContain('张大妈');
  });

  it('a resident cannot read a complaint they have no part in', async () => {
    const drain = (await bot.runtime.deps.models.Complaint.findOne({ category: 'drain' }))!.number;
    const [own] = await kfSay(bot, LIU, '我的反映');
    expect(own).not.toContain(drain);
    const [answer] = await kfSay(bot, LIU, `进度 ${drain}`);
    expect(answer).not.toContain('下水道');
    expect(answer).not.toContain('13911112222');
  });
});

describe('handing a resident over to a person', () => {
  it('转人工 gives the session to the grid leader, and the bot stays silent until it ends', async () => {
    const number = (await bot.runtime.deps.models.Complaint.findOne({ 'reporter.userId': `kf:${LIU}` }))!
      .number;
    await officer(
      'liuqiang',
      `转人工 ${number}`,
      new RegExp(
        `^已把 ${number} 的反映人转给您人工接待，请在企业微信「微信客服」（幸福里社区居民服务）里回复他`,
      ),
    );
    expect(bot.standin.kf.session(KF, LIU)).toMatchObject({ state: 3, servicer: 'liuqiang' });

    const pulled = bot.standin.kf.syncCalls;
    const before = kfTexts(bot, LIU).length;
    await notify(
      bot,
      bot.standin.kf.customerSays(KF, LIU, { msgtype: 'text', text: { content: '你好，在吗' } }),
    );
    await waitFor(
      () => bot.standin.kf.syncCalls,
      (n) => n > pulled,
    );
    await new Promise((r) => setTimeout(r, 1_000));
    expect(kfTexts(bot, LIU)).toHaveLength(before);

    await notify(bot, bot.standin.kf.endSession(KF, LIU));
    expect((await kfSay(bot, LIU, '我的反映'))[0]).toContain(number);
  });

  it('a handler who is not a receptionist of the account is told how to become one', async () => {
    const number = (await bot.runtime.deps.models.Complaint.findOne({ 'reporter.userId': `kf:${ZHANG}` }))!
      .number;
    await officer(
      'lijianguo',
      `转人工 ${number}`,
      /^您还不是「幸福里社区居民服务」的接待人员。请管理员在管理后台「微信客服」里把您加为接待人员后再试。$/,
    );
    expect(bot.standin.kf.session(KF, ZHANG)?.state).toBe(0);
  });
});
