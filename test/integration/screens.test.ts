import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClockedBot, startClockedBot } from '../support/clocked-bot.js';
import { ask } from '../support/desk.js';
import { commonestInk, pixelsOfColour } from '../support/png.js';
import { SEEDED_USERS, seedCommunity } from '../support/seed.js';
import { textOf } from '../support/test-bot.js';
import { mediaOf } from '../support/xlsx.js';

/** Messages that must not be too long or say the same thing twice (issue 19 §4), each through the webhook. */

let c: ClockedBot;
const models = () => c.bot.runtime.deps.models;
const count = (text: string, part: string) => text.split(part).length - 1;

beforeAll(async () => {
  // Sunday 6 December 2026, 09:30.
  c = await startClockedBot('2026-12-06T09:30:00+08:00', { users: SEEDED_USERS });
  await seedCommunity(models());
  expect(await c.say('zhaoxiuying', '设置学习日 每月10日、25日 19:00 老年活动中心 顺延')).toMatch(
    /^已设置退休支部/,
  );
}, 60_000);
afterAll(async () => {
  await c?.bot.close();
});

describe('the holiday note of a year not yet published', () => {
  it('is said once under a month of sessions, not under each', async () => {
    const reply = await c.say('wangguilan', '学习日 明年1月');
    expect(reply).toBe(
      [
        '1月的学习日：',
        '1月10日（周日）19:00，老年活动中心',
        '1月25日（周一）19:00，老年活动中心',
        '（2027年放假安排还没公布，如遇节假日以支部通知为准）',
      ].join('\n'),
    );
  });

  it('is said once in the secretary’s 学习安排 too', async () => {
    const reply = await c.say('zhaoxiuying', '学习安排 明年1月');
    expect(reply).toMatch(/^2027年1月学习安排（本支部）\n/);
    expect(count(reply, '2027年放假安排还没公布')).toBe(1);
  });
});

describe('a complaints chart with one category', () => {
  it('names the category in a legend under the bars', async () => {
    expect(await c.say('wangguilan', '反映 5号楼2单元下水道堵了 一楼都返水了')).toMatch(/^已收到/);
    const [caption, image] = await ask(c, 'zhouming', '图表 诉求', 2);
    expect(textOf(caption)).toMatch(/收到1件.*类别最多的是下水道堵塞1件/);
    const png = (await mediaOf(c.bot, image)).data;
    // The legend's swatch, in the bar's colour, sits below the bars: in the bottom 50 of the 900 rows, which
    // only the x-axis labels share.
    expect(pixelsOfColour(png, commonestInk(png), 850)).toBeGreaterThan(100);
  });
});
