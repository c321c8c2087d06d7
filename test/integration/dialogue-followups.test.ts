import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClockedBot, startClockedBot } from '../support/clocked-bot.js';
import { numberIn } from '../support/complaints.js';
import { SEEDED_USERS, seedCommunity } from '../support/seed.js';

/** Plain answers where the bot asked: the next message after a question about a complaint belongs to it. */

let c: ClockedBot;
const models = () => c.bot.runtime.deps.models;

beforeAll(async () => {
  c = await startClockedBot('2026-12-07T10:00:00+08:00', { users: [...SEEDED_USERS, 'zhangdama', 'lidaye'] });
  await seedCommunity(models());
}, 60_000);
afterAll(async () => {
  await c?.bot.close();
});

const told = (userId: string, count: number) => c.bot.messagesTo(userId, count);

describe('a resident answers 「请评价」 in plain words', () => {
  it('「挺满意的 谢谢你们」 right after 办结 rates that complaint', async () => {
    const number = numberIn(await c.say('zhangdama', '反映 5号楼2单元下水道又堵了 一楼都返水了'));
    await c.say('liuqiang', `受理 ${number}`);
    const before = c.bot.standin.messages({ touser: 'zhangdama' }).length;
    await c.say('liuqiang', `办结 ${number} 已疏通下水道，恢复正常`);
    await told('zhangdama', before + 1);
    expect(await c.say('zhangdama', '挺满意的 谢谢你们')).toMatch(/谢谢您的评价/);
    const rated = await models().Complaint.findOne({ number });
    expect(rated?.rating).toBe('满意');
  });
});

describe('a resident answers the handler’s question in plain words', () => {
  it('「就是西区2栋门口那个」 is added to the complaint the handler asked about', async () => {
    const number = numberIn(await c.say('lidaye', '反映 6号楼路灯坏了 晚上黑乎乎的'));
    await c.say('liuqiang', `受理 ${number}`);
    const before = c.bot.standin.messages({ touser: 'lidaye' }).length;
    await c.say('liuqiang', `补充 ${number} 请问具体是哪个门口的路灯？`);
    await told('lidaye', before + 1);
    expect(await c.say('lidaye', '就是西区2栋门口那个')).toMatch(new RegExp(`^已补充到 ${number}`));
    const complaint = await models().Complaint.findOne({ number });
    expect(complaint?.history.at(-1)).toMatchObject({
      step: 'note',
      note: '就是西区2栋门口那个',
      byUserId: 'lidaye',
    });
    expect(await models().Complaint.countDocuments({})).toBe(2);
  });

  it('only the next message: a later one is read as usual', async () => {
    expect(await c.say('lidaye', '谢谢')).not.toMatch(/已补充/);
  });
});
