import type { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receive } from '../../src/bot/receive.js';
import { REPLY } from '../../src/bot/replies.js';
import { createBotServices } from '../../src/bot/services.js';
import { textMessageXml } from '../../src/standin/inbound-xml.js';
import { parseInbound } from '../../src/wecom/inbound.js';
import { type ClockedBot, startClockedBot } from '../support/clocked-bot.js';
import { numberIn } from '../support/complaints.js';
import { disarm, type FaultMoment, failNthWrite, faultPending, writesTo } from '../support/db-faults.js';
import { SEEDED_USERS, seedCommunity } from '../support/seed.js';
import { corp, textOf, waitFor } from '../support/test-bot.js';

/**
 * A database connection lost in the middle of a command: the message is retried by the queue and, because
 * every write is keyed by the inbound message, recorded once and answered once — whichever write the loss
 * hits, and whether that write was lost or only its answer.
 */

const RESIDENTS = ['zhangdama', 'lidaye', 'zhoupopo', 'wuayi', 'sunshu', 'qianshen', 'mayeye', 'heshu'];
let c: ClockedBot;
let ns = '';
const models = () => c.bot.runtime.deps.models;
const texts = (userId: string) => c.bot.standin.messages({ touser: userId }).map(textOf);

beforeAll(async () => {
  c = await startClockedBot('2026-09-20T10:00:00+08:00', { users: [...SEEDED_USERS, ...RESIDENTS] });
  ns = c.bot.ns;
  await seedCommunity(models());
  await models().Member.updateOne({ wecomUserId: 'liuqiang' }, { monthlyDuesFenOverride: 1_500 });
  expect(await c.say('lijianguo', '设置学习日 每月1日、15日 19:00 社区党群服务中心 顺延')).toMatch(/^已设置/);
  // Thursday 8 October, 18:45: the study day 国庆 moved here, open for sign-in.
  c.set('2026-10-08T18:45:00+08:00');
}, 60_000);
afterAll(async () => {
  await c?.bot.close();
});

/** Every message handled (none waiting, running or due for a retry) and everything it sent delivered. */
async function settled() {
  const { inbound, outbound } = c.bot.runtime.deps.queues;
  await waitFor(
    async () => {
      await c.flush(); // notices to officers wait for a quiet minute
      return [
        await inbound.getJobCounts('wait', 'active', 'delayed', 'prioritized'),
        await outbound.getJobCounts('wait', 'active', 'prioritized'),
      ];
    },
    (counts) => counts.every((n) => Object.values(n).every((v) => v === 0)),
    15_000,
    'the queues to drain',
  );
}

interface Case {
  user: string;
  text: string;
  reply: RegExp;
  /** The records the command adds (exactly one per message). */
  count: () => Promise<number>;
}

/** Runs one message with the `nth` write failing (or none), and checks it was recorded and answered once. */
/** Dozens of messages a minute to one officer here: a new minute for the per-member limit, not a 60 s wait. */
const newMinute = () => c.bot.runtime.deps.redis.del(...SEEDED_USERS.map((u) => `{wecom-rate}:${u}`));

async function once(make: () => Promise<Case>, fault?: { nth: number; moment: FaultMoment }) {
  await newMinute();
  const one = await make();
  await settled();
  await newMinute();
  const [records, before, writes] = [await one.count(), texts(one.user).length, writesTo(ns)];
  if (fault) failNthWrite(ns, fault.nth, fault.moment);
  const reply = await c.say(one.user, one.text).finally(settled);
  const struck = !faultPending();
  disarm();
  expect(struck, 'the fault struck').toBe(true);
  expect(reply).toMatch(one.reply);
  expect(await one.count()).toBe(records + 1);
  // Officers may also get notices meanwhile (a new complaint's card): count the answers only.
  const answers = texts(one.user).slice(before);
  expect(
    answers.filter((t) => one.reply.test(t)),
    'answered once',
  ).toHaveLength(1);
  expect(
    answers.filter((t) => t.includes('系统')),
    'no apology',
  ).toEqual([]);
  return writesTo(ns) - writes;
}

/** The command's writes, counted on a clean run; then each of them failing in turn, before and after. */
async function survivesEveryWrite(make: () => Promise<Case>) {
  const writes = await once(make);
  expect(writes).toBeGreaterThan(0);
  for (let nth = 1; nth <= writes; nth++) {
    for (const moment of ['before', 'after'] as const) await once(make, { nth, moment });
  }
}

let day = 0;
let resident = 0;
const PROBLEMS = [
  '5号楼2单元下水道又堵了 一楼都返水了',
  '6号楼电梯坏了三天了 老人下不了楼',
  '5号楼门口的路灯不亮了 晚上看不见路',
  '6号楼楼道里堆满了杂物 过不去人',
  '5号楼外墙的瓷砖掉下来了 差点砸到人',
  '6号楼楼下有人养鸽子 天天一地鸟粪',
  '5号楼3单元暖气不热 屋里才十几度',
  '6号楼门口的垃圾桶满了没人清',
  '5号楼楼顶漏水 顶楼家里都湿了',
  '6号楼地下室有积水 好几天了',
  '5号楼单元门的门禁坏了 谁都能进',
  '6号楼前面的井盖松了 走上去咣当响',
  '5号楼东边的树枝压着电线 刮风很危险',
];

/** A complaint reported by a resident, without faults; its number. */
async function reported(): Promise<string> {
  const user = RESIDENTS[resident++ % RESIDENTS.length]!;
  const problem = PROBLEMS[resident % PROBLEMS.length];
  const reply = await c.say(user, `反映 ${problem}`);
  // A similar open complaint in the building: this one is a different problem.
  return numberIn(reply.includes('同一个问题吗') ? await c.say(user, '不是') : reply);
}

describe('a lost database connection mid-command is retried, recorded once and answered once', () => {
  it('活动记录', async () => {
    await survivesEveryWrite(async () => ({
      user: 'wangguilan',
      text: `记一下 10月${++day}日下午去3号楼王奶奶家走访了两个小时`,
      reply: /^已记录：走访慰问/,
      count: () => models().Activity.countDocuments({ undoneAt: null }),
    }));
  });

  it('撤销', async () => {
    await survivesEveryWrite(async () => {
      await c.say('wanghai', `记一下 10月${++day}日上午参加垃圾分类志愿服务 一个小时`);
      return {
        user: 'wanghai',
        text: '撤销',
        reply: /^已撤销：/,
        count: () => models().Activity.countDocuments({ undoneAt: { $ne: null } }),
      };
    });
  });

  it('反映问题', async () => {
    await survivesEveryWrite(async () => {
      const user = RESIDENTS[resident++ % RESIDENTS.length]!;
      const problem = PROBLEMS[resident % PROBLEMS.length]!;
      // Nothing open that the bot would ask about as the same problem: the report goes straight in.
      await models().Complaint.updateMany({}, { $set: { state: 'closed' } });
      return {
        user,
        text: `反映 ${problem}`,
        reply: /编号 \d{4}-\d{4}/,
        count: () => models().Complaint.countDocuments(),
      };
    });
  }, 60_000);

  it('受理 and 办结', async () => {
    const steps = (state: 'accepted' | 'resolved') => () => models().Complaint.countDocuments({ state });
    await survivesEveryWrite(async () => ({
      user: 'liuqiang',
      text: `受理 ${await reported()}`,
      reply: /已受理/,
      count: steps('accepted'),
    }));
    await survivesEveryWrite(async () => {
      const number = await reported();
      await c.say('liuqiang', `受理 ${number}`);
      return {
        user: 'liuqiang',
        text: `办结 ${number} 已经处理好了`,
        reply: /已办结/,
        count: steps('resolved'),
      };
    });
  }, 90_000);

  it('缴费 … 确认, and 冲正', async () => {
    const payments = () => models().DuesPayment.countDocuments();
    await survivesEveryWrite(async () => {
      expect(await c.say('lijianguo', '缴费 刘强 1个月 现金')).toMatch(/^将记录/);
      return { user: 'lijianguo', text: '确认', reply: /^已记录：.*\n收据号 /, count: payments };
    });
    const receipts = (await models().DuesPayment.find({}, { receiptNo: 1 }).lean()).map((p) => p.receiptNo);
    // 冲正 shows what it will reverse; 确认 writes the reversal.
    await survivesEveryWrite(async () => {
      expect(await c.say('lijianguo', `冲正 ${receipts.shift()} 金额记错`)).toMatch(/^将冲正/);
      return {
        user: 'lijianguo',
        text: '确认',
        reply: /^已冲正收据/,
        count: () => models().DuesReversal.countDocuments(),
      };
    });
  }, 60_000);

  it('签到 and 请假', async () => {
    const liuqiang = async () =>
      (await models().Member.findOne({ wecomUserId: 'liuqiang' }))!._id as Types.ObjectId;
    const fresh = async () => {
      await models().Attendance.deleteMany({ memberId: await liuqiang() });
    };
    await survivesEveryWrite(async () => {
      await fresh();
      return {
        user: 'liuqiang',
        text: '签到',
        reply: /^签到成功/,
        count: () => models().Attendance.countDocuments({ kind: 'signed' }),
      };
    });
    await survivesEveryWrite(async () => {
      await fresh();
      return {
        user: 'liuqiang',
        text: '请假 去医院复查',
        reply: /^已请假/,
        count: () => models().Attendance.countDocuments({ kind: 'leave' }),
      };
    });
  }, 60_000);
});

describe('while the database stays away', () => {
  const message = (msgId: string) =>
    parseInbound(
      textMessageXml({
        corpId: corp.corpId,
        agentId: corp.agentId,
        fromUser: 'wanghai',
        content: '记一下 10月7日下午巡河两个小时',
        msgId,
        createTime: Math.floor(c.now().getTime() / 1000),
      }),
    );
  const replyJob = (msgId: string) => c.bot.runtime.deps.queues.outbound.getJob(`reply-msg-${msgId}-failed`);

  it('says nothing before the last attempt, then once that the request was not done', async () => {
    const services = createBotServices(c.bot.runtime.deps);
    failNthWrite(ns, 1, 'before');
    await expect(receive(services, message('7460000000000000001'), { last: false })).rejects.toThrow(
      /connection reset/,
    );
    expect(await replyJob('7460000000000000001')).toBeUndefined();

    failNthWrite(ns, 1, 'before');
    await expect(receive(services, message('7460000000000000001'), { last: true })).rejects.toThrow(
      /connection reset/,
    );
    const apology = await replyJob('7460000000000000001');
    expect(apology?.data.content).toEqual({ type: 'text', content: REPLY.notDone });
    expect(REPLY.notDone).toMatch(/没有办成.*再发一次/);
  });

  it('answers a bug (not the database) at once with the generic apology, without retrying', async () => {
    const services = createBotServices(c.bot.runtime.deps);
    const broken = { ...services, models: { ...services.models, Activity: undefined } } as never;
    await receive(broken, message('7460000000000000002'), { last: false });
    expect((await replyJob('7460000000000000002'))?.data.content).toEqual({
      type: 'text',
      content: REPLY.failure,
    });
  });
});
