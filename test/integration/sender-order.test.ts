import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textMessageXml } from '../../src/standin/inbound-xml.js';
import { type ClockedBot, startClockedBot } from '../support/clocked-bot.js';
import { slowNthWrite } from '../support/db-faults.js';
import { SEEDED_USERS, seedCommunity } from '../support/seed.js';
import { corp, textOf } from '../support/test-bot.js';

/** One person's messages are handled and answered in the order they were sent, however fast they come. */

let c: ClockedBot;
beforeAll(async () => {
  c = await startClockedBot('2026-11-20T10:00:00+08:00', { users: SEEDED_USERS });
  await seedCommunity(c.bot.runtime.deps.models);
}, 60_000);
afterAll(async () => {
  await c?.bot.close();
});

/** Posts the texts one after another as WeCom would, without waiting for any answer. */
async function burst(userId: string, texts: string[]) {
  const createTime = Math.floor(c.now().getTime() / 1000);
  for (const content of texts) {
    const xml = textMessageXml({
      corpId: corp.corpId,
      agentId: corp.agentId,
      fromUser: userId,
      content,
      createTime,
    });
    expect((await c.bot.wecom.postXml(xml, { timestamp: createTime })).status).toBe(200);
  }
}

describe('one person writing fast', () => {
  it('gets twenty answers in the order of the twenty questions, the first one slow to record', async () => {
    // The first message's write takes a second; the nineteen after it need no write at all.
    slowNthWrite(c.bot.ns, 1, 1_000);
    // Pensions 3200…5000 in one bracket: each answer's amount is higher than the one before, as asked.
    const bases = Array.from({ length: 19 }, (_, i) => 3_200 + i * 100);
    await burst('wangguilan', [
      '记一下 今天上午去3号楼王奶奶家走访了两个小时',
      ...bases.map((base) => `党费标准 ${base} 退休`),
    ]);
    const [first, ...answers] = (await c.bot.messagesTo('wangguilan', 20, 30_000)).map(textOf);
    expect(first).toMatch(/^已记录：走访慰问/);
    const amounts = answers.map((a) => Number(/应交 ([\d.]+)元/.exec(a)?.[1]));
    expect(amounts).toHaveLength(19);
    expect(amounts).toEqual([...amounts].sort((a, b) => a - b));
    expect(new Set(amounts).size).toBe(19);
  }, 60_000);

  it('undoes the activity just recorded, even when recording it was slow', async () => {
    const models = c.bot.runtime.deps.models;
    slowNthWrite(c.bot.ns, 1, 1_000);
    await burst('wanghai', [
      '记一下 今天上午巡河两个小时',
      '撤销',
      '记一下 今天下午走访了3号楼李大爷 一个小时',
    ]);
    const answers = (await c.bot.messagesTo('wanghai', 3, 30_000)).map(textOf);
    expect(answers[0]).toMatch(/^已记录：.*巡河/);
    expect(answers[1]).toMatch(/^已撤销：.*巡河/);
    expect(answers[2]).toMatch(/^已记录：走访慰问/);
    const wanghai = await models.Member.findOne({ wecomUserId: 'wanghai' });
    const kept = await models.Activity.find({ memberId: wanghai?._id, undoneAt: null }).lean();
    expect(kept.map((a) => a.description)).toEqual([expect.stringMatching(/走访/)]);
  }, 60_000);
});
