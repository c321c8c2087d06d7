import type { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClockedBot, startClockedBot } from '../support/clocked-bot.js';
import { seedCommunity } from '../support/seed.js';

/**
 * What a sentence says, read through the real webhook: secretaries' payment sentences (老王 among two 王, 陈阿姨
 * the one 陈), the complaint traps (a word inside another word, danger under ordinary words) and the dues
 * standard for a student, who pays 0.20元 whatever she earns.
 */

let clocked: ClockedBot;
const NOVEMBER = '2026-11';

beforeAll(async () => {
  clocked = await startClockedBot('2026-11-18T10:00:00+08:00', {
    users: ['zhaoxiuying', 'wangguilan', 'wanghai', 'chenshufen', 'res'],
  });
  const { models } = clocked.bot.runtime.deps;
  await seedCommunity(models);
  for (const [userId, fen] of [
    ['wangguilan', 2_100],
    ['chenshufen', 2_100],
  ] as const) {
    const m = (await models.Member.findOne({ wecomUserId: userId }))!;
    for (const month of ['2026-09', '2026-10', NOVEMBER]) {
      await models.DuesCharge.create({
        communityId: m.communityId,
        memberId: m._id as Types.ObjectId,
        branchId: m.branchId,
        wecomUserId: m.wecomUserId,
        duesSchedule: m.duesSchedule,
        month,
        fen,
      });
    }
  }
});
afterAll(async () => {
  await clocked?.bot.close();
});

describe('a secretary registers a payment in her own words', () => {
  it('「老王」 among two 王 is asked about, and the answer completes the payment shown for 确认', async () => {
    const question = await clocked.say('zhaoxiuying', '登记党费 老王的党费他闺女转过来了 交了仨月');
    expect(question).toMatch(/「老王」是哪一位？本支部姓王的有：王桂兰、王海/);
    const preview = await clocked.say('zhaoxiuying', '王桂兰');
    expect(preview).toMatch(/将记录：.*王桂兰/s);
    expect(preview).toMatch(/9月.*10月.*11月|2026-09.*2026-11/s);
    expect(preview).toMatch(/女儿/);
    expect(await clocked.say('zhaoxiuying', '取消')).toMatch(/取消/);
  });

  it('「收到陈阿姨现金二十一块 这个月的」 is 陈淑芬, the only 陈, paying November in cash', async () => {
    const preview = await clocked.say('zhaoxiuying', '登记党费 收到陈阿姨现金二十一块 这个月的');
    expect(preview).toMatch(/将记录：.*陈淑芬/s);
    expect(preview).toMatch(/21\.00元/);
    expect(preview).toMatch(/11月|2026-11/);
    expect(preview).toMatch(/现金/);
    expect(await clocked.say('zhaoxiuying', '取消')).toMatch(/取消/);
  });

  it('paid without saying how much (「…她闺女微信帮她交了」): what she owes up to this month, shown for 确认', async () => {
    const preview = await clocked.say('zhaoxiuying', '陈淑芬的党费她闺女微信帮她交了');
    expect(preview).toMatch(/将记录：.*陈淑芬/s);
    expect(preview).toMatch(/9月.*10月.*11月|2026-09.*2026-11/s);
    expect(preview).toMatch(/63\.00元/);
    expect(preview).toMatch(/微信/);
    expect(preview).toMatch(/女儿/);
    expect(await clocked.say('zhaoxiuying', '取消')).toMatch(/取消/);
  });

  it('a sum that is not what the months named cost is refused, not recorded', async () => {
    const reply = await clocked.say('zhaoxiuying', '登记党费 收到陈阿姨现金三十块 这个月的');
    expect(reply).toMatch(/11月应交21\.00元，和30\.00元对不上/);
  });
});

describe('complaint categories and urgency', () => {
  async function lastComplaint() {
    return clocked.bot.runtime.deps.models.Complaint.findOne({}).sort({ createdAt: -1 });
  }

  it.each([
    ['5号楼2单元卫生间漏水 渗到楼下去了', 'leak', false],
    ['6号楼车库门口被电动车堵住了', 'parking', false],
    ['反映 5号楼电梯又把人关里面了', 'safety', true],
  ])('%s → %s, urgent %s', async (text, category, urgent) => {
    const reply = await clocked.say('res', text);
    expect(reply).toMatch(/\d{4}-\d{4}/);
    expect(await lastComplaint()).toMatchObject({ category, urgent });
  });
});

describe('the dues standard', () => {
  it('a student on the roster asking 「我这种情况党费该交多少」 gets 0.20元 at once', async () => {
    await clocked.bot.runtime.deps.models.Member.updateOne(
      { wecomUserId: 'wanghai' },
      { duesCategory: 'student' },
    );
    expect(await clocked.say('wanghai', '我这种情况党费该交多少')).toMatch(
      /按您登记的情况，每月交 0\.20元（学生/,
    );
  });

  it('「我每月工资五千二 党费该交多少」 is the employed scale on 5200元', async () => {
    expect(await clocked.say('wangguilan', '我每月工资五千二 党费该交多少')).toMatch(
      /每月应交 78\.00元（在职，5000元以上至10000元按1\.5%）/,
    );
  });
});
