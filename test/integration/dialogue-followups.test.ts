import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScheduledJob } from '../../jobs/scheduled/run.js';
import { type ClockedBot, startClockedBot } from '../support/clocked-bot.js';
import { numberIn } from '../support/complaints.js';
import { SEEDED_USERS, seedCommunity } from '../support/seed.js';
import { textOf } from '../support/test-bot.js';

/** Plain answers where the bot asked: the next message after a question about a complaint belongs to it. */

let c: ClockedBot;
const models = () => c.bot.runtime.deps.models;

beforeAll(async () => {
  c = await startClockedBot('2026-12-07T10:00:00+08:00', {
    users: [...SEEDED_USERS, 'zhangdama', 'lidaye', 'wangnainai', 'zhaoyeye'],
  });
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

describe('how and to whom dues are paid, and how much', () => {
  it('「交党费找谁」 names the branch’s collector and the ways it accepts, from the branch’s record', async () => {
    const howFirst = await c.say('wanghai', '交党费找谁');
    expect(howFirst).toMatch(/^退休支部的党费交给陈淑芬。\n可以用：现金、微信转账。/);
    await models().Branch.updateOne(
      { name: '退休支部' },
      { dues: { collectorUserId: 'zhaoxiuying', methods: ['现金'], when: '每月10日学习日现场收取。' } },
    );
    const how = await c.say('wanghai', '怎么交党费');
    expect(how).toMatch(/^退休支部的党费交给赵秀英。\n可以用：现金。\n每月10日学习日现场收取。/);
  });

  it('「我一个月该交多少」 gives the member’s own assessed amount', async () => {
    const wanghai = await models().Member.findOne({ wecomUserId: 'wanghai' });
    await models().DuesAssessment.create({
      communityId: wanghai!.communityId,
      memberId: wanghai!._id,
      year: 2026,
      fen: 2_100,
      rule: '退休人员，月收入3000元以上至5000元（含）按0.5%',
      baseFen: 420_000,
    });
    expect(await c.say('wanghai', '我一个月该交多少')).toMatch(
      /^支部给您核定的党费是每月 21.00元（退休人员，月收入3000元以上至5000元（含）按0.5%）。/,
    );
    expect(await c.say('wanghai', '党费标准')).toMatch(/请告诉我每月收入/);
  });
});

describe('a resident answers the 3-day rating reminder in plain words', () => {
  it('「满意」 after the reminder rates the complaint it reminded of, though another awaits a rating too', async () => {
    const resolve = async (text: string, result: string) => {
      const number = numberIn(await c.say('zhangdama', text));
      await c.say('liuqiang', `受理 ${number}`);
      const before = c.bot.standin.messages({ touser: 'zhangdama' }).length;
      await c.say('liuqiang', `办结 ${number} ${result}`);
      await told('zhangdama', before + 1);
      // Her next message is not a rating, so the question after 办结 is spent.
      await c.say('zhangdama', '知道了');
      return number;
    };
    const reminded = await resolve('反映 6号楼门口垃圾好几天没人清了', '已清运');
    c.set('2026-12-09T09:00:00+08:00');
    const other = await resolve('反映 5号楼楼道里堆满杂物 过不去人', '已清理');
    c.set('2026-12-10T10:30:00+08:00');
    const before = c.bot.standin.messages({ touser: 'zhangdama' }).length;
    expect(await runScheduledJob(c.bot.runtime.deps, 'complaint-sweep', c.now())).toMatch(/补发 1 项/);
    const reminder = textOf((await told('zhangdama', before + 1))[before]);
    expect(reminder).toContain(`${reminded}（环境卫生，6号楼）已办结3天了，还没有收到您的评价`);
    expect(await c.say('zhangdama', '满意')).toMatch(/谢谢您的评价/);
    const rated = await models()
      .Complaint.find({ number: { $in: [reminded, other] } })
      .lean();
    expect(Object.fromEntries(rated.map((r) => [r.number, r.rating ?? null]))).toEqual({
      [reminded]: '满意',
      [other]: null,
    });
  });
});

describe('the handler asks a resident for a phone to call back on', () => {
  const askPhone = async (reporter: string, text: string) => {
    const number = numberIn(await c.say(reporter, text));
    await c.say('liuqiang', `受理 ${number}`);
    const before = c.bot.standin.messages({ touser: reporter }).length;
    await c.say('liuqiang', `补充 ${number} 方便留个电话吗？师傅上门前先联系您`);
    const asked = textOf((await told(reporter, before + 1))[before]);
    return { number, asked };
  };

  it('「13912345678」 is kept as the reporter’s phone and the handler is given it in full', async () => {
    const { number, asked } = await askPhone('wangnainai', '反映 6号楼3单元楼道扶手松了 老人上下楼害怕');
    expect(asked).toContain('方便留个电话吗');
    expect(asked).toContain('不方便留也没关系');
    const before = c.bot.standin.messages({ touser: 'liuqiang' }).length;
    expect(await c.say('wangnainai', '13912345678')).toBe('谢谢！电话已转给承办人刘强，会尽快联系您。');
    const handler = (await told('liuqiang', before + 1)).slice(before).map(textOf);
    expect(handler).toContainEqual(
      expect.stringMatching(
        new RegExp(`^诉求 ${number}（.*）反映人留了联系电话：13912345678，可以直接打给反映人。`),
      ),
    );
    const complaint = await models().Complaint.findOne({ number });
    expect(complaint?.reporter.phone).toBe('13912345678');
    // The number lives with the reporter, never in a note others read.
    expect(complaint?.history.at(-1)?.note).toBe('留了联系电话');
    expect(await c.say('liuqiang', `进度 ${number}`)).toContain('13912345678');
  });

  it('「不方便留」 is respected, and the handler is told', async () => {
    const { number } = await askPhone('zhaoyeye', '反映 5号楼2单元楼道窗户玻璃碎了');
    const before = c.bot.standin.messages({ touser: 'liuqiang' }).length;
    expect(await c.say('zhaoyeye', '不方便留')).toBe('好的，不留也没关系。有进展我会在这里告诉您。');
    const handler = (await told('liuqiang', before + 1)).slice(before).map(textOf);
    expect(handler).toContainEqual(
      expect.stringMatching(new RegExp(`^诉求 ${number}（.*）反映人补充：不方便留电话`)),
    );
    expect((await models().Complaint.findOne({ number }))?.reporter.phone).toBeNull();
  });
});
