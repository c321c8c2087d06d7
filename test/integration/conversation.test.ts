import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DialogueStore } from '../../src/bot/dialogue.js';
import { HeldMediaStore } from '../../src/bot/held-media.js';
import { REPLY } from '../../src/bot/replies.js';
import { SEEDED_USERS, seedCommunity } from '../support/seed.js';
import { startTestBot, type TestBot, textOf } from '../support/test-bot.js';

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot({
    users: [...SEEDED_USERS, 'stranger'],
  });
  await seedCommunity(bot.runtime.deps.models);
});
afterAll(async () => {
  await bot?.close();
});

const say = (userId: string, text: string) => bot.say(userId, text);

describe('帮助 is generated from the registry and filtered by role', () => {
  it('shows a member what a member can do, by name', async () => {
    const help = await say('wangguilan', '帮助');
    expect(help).toMatch(/^王桂兰您好/);
    expect(help).toContain('我的信息');
    expect(help).not.toContain('查成员');
  });

  it('gives a secretary, whose list is too long for one message, the topics and then one topic in full', async () => {
    const overview = await say('zhaoxiuying', '帮助');
    expect(Buffer.byteLength(overview, 'utf8')).toBeLessThanOrEqual(2048);
    expect(overview).toMatch(/【党员信息】[^\n]*查成员/);
    expect(overview).toMatch(/【党费】[^\n]*缴费/);
    expect(await say('zhaoxiuying', '帮助 党员信息')).toContain('查成员 王桂兰');
    expect(await say('zhaoxiuying', '帮助 缴费')).toMatch(/^「缴费」.*\n· 缴费 /);
  });
});

describe('我的信息', () => {
  it('shows what the bot holds, with the phone masked', async () => {
    const card = await say('wangguilan', '我的信息');
    expect(card).toContain('王桂兰（退休支部 · 第二党小组）');
    expect(card).toContain('手机：138****1234');
    expect(card).not.toContain('13800001234');
    expect(card).toContain('住址：5号楼2单元301');
    expect(card).toContain('代缴人：王小红（女儿）');
    expect(card).toContain('网格：G03 幸福三网格');
  });

  it('is understood in free phrasing and from the app menu', async () => {
    expect(await say('wangguilan', '我想看看我的资料')).toContain('王桂兰（退休支部');
    const before = bot.standin.messages({ touser: 'wangguilan' }).length;
    await bot.wecom.sendEvent('wangguilan', 'click', { EventKey: 'cmd:member.info' });
    const [menuReply] = (await bot.messagesTo('wangguilan', before + 1)).slice(before);
    expect(textOf(menuReply)).toContain('手机：138****1234');
  });
});

describe('a missing slot becomes a question', () => {
  it('asks for the name, then answers with the card', async () => {
    expect(await say('zhaoxiuying', '查成员')).toMatch(/请问要查哪位党员[\s\S]*取消/);
    const ttl = await bot.runtime.deps.redis.ttl('dialogue:zhaoxiuying');
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(600);
    const card = await say('zhaoxiuying', '王桂兰');
    expect(card).toContain('王桂兰（退休支部 · 第二党小组）');
    expect(await bot.runtime.deps.redis.exists('dialogue:zhaoxiuying')).toBe(0);
  });

  it('取消 drops the question, and a later answer is not taken for it', async () => {
    await say('zhaoxiuying', '查成员');
    expect(await say('zhaoxiuying', '取消')).toBe(REPLY.cancelled);
    expect(await bot.runtime.deps.redis.exists('dialogue:zhaoxiuying')).toBe(0);
    expect(await say('zhaoxiuying', '取消')).toBe(REPLY.nothingToCancel);
  });

  it('an expired question is forgotten', async () => {
    const store = new DialogueStore(bot.runtime.deps.redis, 1);
    await store.set('chenshufen', {
      commandId: 'member.find',
      text: '',
      missing: 'name',
      question: '请问要查哪位党员？',
      expects: { kind: 'name', example: '王桂兰' },
    });
    expect(await store.get('chenshufen')).not.toBeNull();
    await new Promise((r) => setTimeout(r, 1_200));
    expect(await store.get('chenshufen')).toBeNull();
  });
});

describe('查成员 is scoped and permissioned', () => {
  it('a branch secretary sees only their branch; an admin sees the community', async () => {
    expect(await say('zhaoxiuying', '查成员 李建国')).toMatch(/没有找到.*（本支部）/);
    expect(await say('zhouming', '查成员 李建国')).toContain('李建国（居民第一支部）');
  });

  it('lists several matches by prefix', async () => {
    const reply = await say('zhaoxiuying', '查成员 王');
    expect(reply).toContain('王桂兰（');
    expect(reply).toContain('王海（');
  });

  it('an ordinary member cannot use it, whatever the message claims', async () => {
    expect(await say('wanghai', '查成员 王桂兰')).toBe(REPLY.notAllowed);
    const claim = await say('wanghai', '我是书记 查成员 王桂兰');
    expect(claim).not.toContain('138****');
    expect(claim).not.toContain('王桂兰（');
  });
});

describe('people and messages the bot cannot place', () => {
  it('tells an unregistered person whom to contact, and still helps', async () => {
    expect(await say('stranger', '你好')).toContain('请联系社区党委王书记（电话 010-12345678）登记');
    const help = await say('stranger', '帮助');
    expect(help).toContain('您还没有登记');
    expect(help).not.toContain('我的信息');
    expect(await say('stranger', '我的信息')).toContain('还没有您的登记信息');
  });

  it('answers text it does not understand with the closest commands', async () => {
    expect(await say('zhaoxiuying', '成员信息查一下')).toMatch(/请问要查哪位党员/);
    await say('zhaoxiuying', '取消');
    expect(await say('wangguilan', '今天天气怎么样')).toMatch(/没太明白[\s\S]*帮助/);
  });

  it('asks a voice sender to type, and holds a photo for the next command', async () => {
    const before = bot.standin.messages({ touser: 'liuqiang' }).length;
    await bot.wecom.sendVoice('liuqiang', { mediaId: 'voice-1', format: 'amr' });
    await bot.wecom.sendImage('liuqiang', { mediaId: 'photo-1' });
    const replies = (await bot.messagesTo('liuqiang', before + 2)).slice(before).map(textOf);
    expect(replies).toEqual(expect.arrayContaining([REPLY.voice, REPLY.imageHeld]));
    const held = await new HeldMediaStore(bot.runtime.deps.redis).take('liuqiang');
    expect(held).toEqual([expect.objectContaining({ kind: 'image', mediaId: 'photo-1' })]);
  });
});
