import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCommunity } from '../support/seed.js';
import { startTestBot, type TestBot } from '../support/test-bot.js';

/** A date or number that cannot be is answered as such, whatever the command — never read as something else. */

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot({ users: ['wangguilan', 'zhangdama'] });
  await seedCommunity(bot.runtime.deps.models);
});
afterAll(async () => {
  await bot?.close();
});

describe('impossible dates and numbers get a clear reply', () => {
  it('进度 with a number no complaint can have is not cut down to 2026-2026', async () => {
    const reply = await bot.say('zhangdama', '进度 2026-99999999999999999999');
    expect(reply).toMatch(/^「2026-99999999999999999999」不是诉求编号。编号像「2026-0153」/);
    expect(reply).not.toContain('2026-2026');
  });

  it('请假 on a day the calendar does not have records nothing', async () => {
    expect(await bot.say('wangguilan', '请假 2月30日 去医院')).toMatch(
      /^日历上没有「2月30日」这一天，请核对日期后再发。/,
    );
    expect(await bot.runtime.deps.models.Attendance.countDocuments()).toBe(0);
  });

  it('记一下 on 13月1日 is not recorded as today', async () => {
    expect(await bot.say('wangguilan', '记一下 13月1日去3号楼走访了两个小时')).toMatch(
      /日历上没有「13月1日」/,
    );
    expect(await bot.runtime.deps.models.Activity.countDocuments()).toBe(0);
  });
});
