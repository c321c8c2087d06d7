import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BINDING_REPLY } from '../../src/bot/binding.js';
import { projectPath } from '../../src/paths.js';
import { importGrids, importRoster } from '../../src/roster/import.js';
import { startTestBot, type TestBot, textOf } from '../support/test-bot.js';

/**
 * 和平里社区's 花名册 has no WeCom userids: its members bind themselves with their name and the last four
 * digits of the phone on the roster, or a secretary binds them by hand.
 */

let bot: TestBot;
const heping = { communityCode: 'heping', communityName: '和平里社区' };

beforeAll(async () => {
  bot = await startTestBot({
    users: ['zhaodeming', 'jiangwenbo', 'xiaozhang', 'guesser', 'lixiuying', 'sunlihua'],
  });
  const { models } = bot.runtime.deps;
  await importRoster(models, { ...heping, file: projectPath('fixtures/heping/huamingce.xlsx') });
  await importGrids(models, { ...heping, file: projectPath('fixtures/heping/grids.csv') });
});
afterAll(async () => {
  await bot?.close();
});

const memberNamed = (name: string) => bot.runtime.deps.models.Member.find({ name }).lean();
const texts = (userId: string) => bot.standin.messages({ touser: userId }).map(textOf);

describe('a member binds themselves', () => {
  it('is asked for name and phone when writing before binding, and binds with them', async () => {
    expect(await bot.say('zhaodeming', '党费')).toBe(BINDING_REPLY.ask);
    expect(await bot.say('zhaodeming', '赵德明 0001')).toBe(
      '绑定成功！赵德明您好，已为您对应到名册上的和平里第一支部。发「帮助」看看我能为您办什么。',
    );
    expect((await memberNamed('赵德明'))[0]?.wecomUserId).toBe('zhaodeming');
    expect(await bot.say('zhaodeming', '我的信息')).toContain('赵德明');
  });

  it('binds from an answer sent without being asked, and the branch secretary hears of it', async () => {
    const before = texts('zhaodeming').length;
    expect(await bot.say('jiangwenbo', '我是蒋文博，手机后四位0013')).toMatch(/^绑定成功！蒋文博您好/);
    const [notice] = (await bot.messagesTo('zhaodeming', before + 1)).slice(before).map(textOf);
    expect(notice).toBe(
      '蒋文博（和平里第一支部）已用企业微信账号 jiangwenbo 自行绑定名册（姓名和手机后四位相符）。如有不对，请发「绑定 蒋文博 正确的账号」改正。',
    );
  });

  it('says how many tries are left after a wrong guess, and binds nobody', async () => {
    expect(await bot.say('xiaozhang', '签到')).toBe(BINDING_REPLY.ask);
    expect(await bot.say('xiaozhang', '孙丽华 1234')).toBe(BINDING_REPLY.wrong(4));
    expect((await memberNamed('孙丽华'))[0]?.wecomUserId).toMatch(/^~/);
  });

  it('stops after too many wrong answers, tells the secretary, and refuses even a right answer that day', async () => {
    const before = texts('zhaodeming').length;
    for (const left of [4, 3, 2, 1]) {
      expect(await bot.say('guesser', `孙丽华 ${1000 + left}`)).toBe(BINDING_REPLY.wrong(left));
    }
    expect(await bot.say('guesser', '孙丽华 1000')).toBe(BINDING_REPLY.locked);
    const [notice] = (await bot.messagesTo('zhaodeming', before + 1)).slice(before).map(textOf);
    expect(notice).toContain(
      '企业微信用户 guesser 今天5次自助绑定名册都没有成功（最后一次填的是「孙丽华 1000」）',
    );
    expect(await bot.say('guesser', '孙丽华 0002')).toBe(BINDING_REPLY.locked);
    expect((await memberNamed('孙丽华'))[0]?.wecomUserId).toMatch(/^~/);
  });

  it('does not guess between two rows of the same name and phone ending; the secretary binds by hand', async () => {
    const before = texts('zhaodeming').length;
    expect(await bot.say('lixiuying', '李秀英 0011')).toBe(BINDING_REPLY.twins('李秀英'));
    const [notice] = (await bot.messagesTo('zhaodeming', before + 1)).slice(before).map(textOf);
    expect(notice).toContain('名册上有2位同名且后四位相同（和平里第一支部、和平里退休支部）');
    // 赵德明 is the 第一支部's secretary: he sees only his branch's 李秀英.
    expect(await bot.say('zhaodeming', '绑定 李秀英 lixiuying')).toBe(
      '已绑定：李秀英（和平里第一支部）↔ 企业微信账号 lixiuying。已通知本人。',
    );
    const rows = await memberNamed('李秀英');
    expect(rows.map((r) => r.wecomUserId).filter((id) => id === 'lixiuying')).toHaveLength(1);
    expect(await bot.say('lixiuying', '我的信息')).toContain('李秀英');
  });
});

describe('an officer binds by hand', () => {
  it('binds a grid leader, who then leads the grid under their account and is told', async () => {
    expect(await bot.say('zhaodeming', '绑定 孙丽华 sunlihua')).toBe(
      '已绑定：孙丽华（和平里第一支部）↔ 企业微信账号 sunlihua。已通知本人。',
    );
    const [told] = (await bot.messagesTo('sunlihua')).map(textOf);
    expect(told).toContain('孙丽华您好，支部已把您的企业微信和党员名册绑定好了');
    const g01 = await bot.runtime.deps.models.Grid.findOne({ code: 'G01' }).lean();
    expect(g01?.leaderUserId).toBe('sunlihua');
  });

  it('refuses an account already bound to someone else, and a member of another branch', async () => {
    expect(await bot.say('zhaodeming', '绑定 郑晓燕 sunlihua')).toBe(
      '企业微信账号 sunlihua 已经绑定给了孙丽华，请核对账号。',
    );
    expect(await bot.say('zhaodeming', '绑定 周秀英 zhouxiuying')).toBe('没有找到「周秀英」（本支部）。');
  });

  it('is not for ordinary members', async () => {
    expect(await bot.say('jiangwenbo', '绑定 郑晓燕 zhengxiaoyan')).toMatch(/仅限支部书记/);
  });
});
