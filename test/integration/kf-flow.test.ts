import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KF_ACCOUNTS, kfSay, ZHANG } from '../support/kf.js';
import { seedCommunity } from '../support/seed.js';
import { startTestBot, type TestBot } from '../support/test-bot.js';

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot({ users: ['liuqiang', 'lijianguo'], kfAccounts: KF_ACCOUNTS });
  await seedCommunity(bot.runtime.deps.models);
});
afterAll(async () => {
  await bot?.close();
});

describe('smoke', () => {
  it('answers', async () => {
    const [reply] = await kfSay(bot, ZHANG, '5号楼2单元下水道又堵了 一楼都返水了', { nickname: '张大妈' });
    expect(reply).toContain('已收到您的反映');
  });
});
