import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reminderText } from '../../jobs/scheduled/dues-reminders.js';
import { runScheduledJob } from '../../jobs/scheduled/run.js';
import { currentYearMonth, type YearMonth } from '../../src/domain/text/index.js';
import { CALENDAR_INSTANTS } from '../support/clock.js';
import { seedCommunity } from '../support/seed.js';
import { startTestBot, type TestBot, textOf, waitFor } from '../support/test-bot.js';

describe.each(Object.entries(CALENDAR_INSTANTS))('dues at %s', (_, at) => {
  let bot: TestBot;
  // The bot's clock stands at `at`; the scheduled runs fall in the same month.
  const month = currentYearMonth(new Date(at), 'Asia/Shanghai') as YearMonth;
  const YEAR = month.slice(0, 4);
  // An approved quarterly payer (王海) is reminded in the last month of a quarter only.
  const reminded = ['03', '06', '09', '12'].includes(month.slice(5))
    ? ['wangguilan', 'wanghai']
    : ['wangguilan'];
  const firstOfMonth = new Date(`${month}-01T00:10:00+08:00`);
  const fifteenth = new Date(`${month}-15T10:00:00+08:00`);
  const id = async (userId: string) =>
    (await bot.runtime.deps.models.Member.findOne({ wecomUserId: userId }))!._id;

  beforeAll(async () => {
    bot = await startTestBot({
      at,
      users: ['wangguilan', 'wanghai', 'lijianguo', 'chenshufen', 'zhaoxiuying'],
    });
    const { community } = await seedCommunity(bot.runtime.deps.models);
    const { Member, DuesPayment, DuesReversal } = bot.runtime.deps.models;
    await Member.updateOne({ wecomUserId: 'wangguilan' }, { duesCategory: 'retired', duesBaseFen: 420_000 });
    await Member.updateOne(
      { wecomUserId: 'wanghai' },
      { monthlyDuesFenOverride: 1_500, duesSchedule: 'quarterly' },
    );
    await Member.updateOne({ wecomUserId: 'lijianguo' }, { duesCategory: 'employed', duesBaseFen: 600_000 });
    await Member.updateOne(
      { wecomUserId: 'chenshufen' },
      { duesBaseFen: 300_000, duesExempt: { until: '2099-12', approvalRef: '街道党工委〔2026〕3号' } },
    );

    expect(await runScheduledJob(bot.runtime.deps, 'dues-charges', firstOfMonth)).toMatch(/新生成 3 笔/);
    const base = {
      communityId: community._id,
      method: 'wechat' as const,
      collectorMemberId: await id('zhaoxiuying'),
      paidAt: bot.clock.now(),
    };
    await DuesPayment.create([
      {
        ...base,
        memberId: await id('lijianguo'),
        receiptNo: `XINGFULI-${YEAR}-00001`,
        amountFen: 9_000,
        covered: [{ month, fen: 9_000 }],
        sourceKey: 't1',
      },
      {
        ...base,
        memberId: await id('wangguilan'),
        receiptNo: `XINGFULI-${YEAR}-00002`,
        amountFen: 2_100,
        covered: [{ month, fen: 2_100 }],
        sourceKey: 't2',
      },
    ]);
    await DuesReversal.create({
      communityId: community._id,
      receiptNo: `XINGFULI-${YEAR}-00002`,
      memberId: await id('wangguilan'),
      reason: '金额记错',
      byMemberId: await id('zhaoxiuying'),
    });
  });
  afterAll(async () => {
    await bot?.close();
  });

  const say = (userId: string, text: string) => bot.say(userId, text);

  describe('monthly charges', () => {
    it('charges each member once per month, at the assessed amount, and never an exempt member', async () => {
      expect(await runScheduledJob(bot.runtime.deps, 'dues-charges', firstOfMonth)).toMatch(/新生成 0 笔/);
      const charges = await bot.runtime.deps.models.DuesCharge.find({ month }).lean();
      const byMember = new Map(charges.map((c) => [String(c.memberId), c.fen]));
      expect(byMember.get(String(await id('wangguilan')))).toBe(2_100); // pension 4200 → 0.5%
      expect(byMember.get(String(await id('lijianguo')))).toBe(9_000); // wage 6000 → 1.5%
      expect(byMember.get(String(await id('wanghai')))).toBe(1_500); // the roster's override
      expect(byMember.has(String(await id('chenshufen')))).toBe(false); // exempt
      expect(byMember.has(String(await id('zhaoxiuying')))).toBe(false); // no base declared: not guessed
    });
  });

  describe('the reminder on the 15th', () => {
    it('reaches exactly the unpaid monthly payers, once, however often it runs', async () => {
      const first = await runScheduledJob(bot.runtime.deps, 'dues-reminders', fifteenth);
      expect(first).toMatch(new RegExp(`本次提醒 ${reminded.length} 人`));
      expect(await runScheduledJob(bot.runtime.deps, 'dues-reminders', fifteenth)).toMatch(/本次提醒 0 人/);
      const outbound = bot.runtime.deps.queues.outbound;
      for (const job of await outbound.getDelayed()) await job.promote(); // sent a few minutes after 10:00
      const [reminder] = await bot.messagesTo('wangguilan', 1);
      expect(textOf(reminder)).toBe(reminderText(month));
      await new Promise((r) => setTimeout(r, 300));
      const reminders = bot.standin.messages().filter((m) => textOf(m) === reminderText(month));
      // lijianguo paid; chenshufen is exempt; wanghai pays quarterly
      expect(reminders.flatMap((m) => m.touser).sort()).toEqual(reminded);
    });

    it('re-enqueues, under the same job id, a batch a crashed run wrote but never enqueued, without who paid since', async () => {
      const { Member, Reminder, DuesCharge, DuesPayment } = bot.runtime.deps.models;
      const stranded = await Member.create({
        communityId: (await Member.findOne({ wecomUserId: 'wangguilan' }))!.communityId,
        wecomUserId: 'zhaoxiuying2',
        name: '赵秀英二',
        duesCategory: 'student',
      });
      bot.standin.setUsers(
        ['wangguilan', 'wanghai', 'lijianguo', 'chenshufen', 'zhaoxiuying', 'zhaoxiuying2'].map((userid) => ({
          userid,
          name: userid,
        })),
      );
      await DuesCharge.create({
        communityId: stranded.communityId,
        memberId: stranded._id,
        wecomUserId: stranded.wecomUserId,
        duesSchedule: 'monthly',
        month,
        fen: 20,
      });
      await Reminder.create({
        communityId: stranded.communityId,
        memberId: stranded._id,
        kind: 'dues-unpaid',
        period: month,
        jobId: 'dues-reminder-crashed-run',
      });
      // Two more stranded: one who paid since, alone in a batch, and one who paid since in the batch above.
      for (const [userId, jobId] of [
        ['paidsince1', 'dues-reminder-crashed-paid'],
        ['paidsince2', 'dues-reminder-crashed-run'],
      ] as const) {
        const payer = await Member.create({
          communityId: stranded.communityId,
          wecomUserId: userId,
          name: userId,
          duesCategory: 'student',
        });
        const who = { communityId: payer.communityId, memberId: payer._id };
        await DuesCharge.create({ ...who, wecomUserId: userId, duesSchedule: 'monthly', month, fen: 20 });
        await Reminder.create({ ...who, kind: 'dues-unpaid', period: month, jobId });
        await DuesPayment.create({
          ...who,
          method: 'cash',
          collectorMemberId: payer._id,
          paidAt: bot.clock.now(),
          receiptNo: `TEST-${userId}`,
          amountFen: 20,
          covered: [{ month, fen: 20 }],
          sourceKey: `paid-${userId}`,
        });
      }
      expect(await runScheduledJob(bot.runtime.deps, 'dues-reminders', fifteenth)).toMatch(/本次提醒 1 人/);
      const job = await waitFor(
        () => bot.runtime.deps.queues.outbound.getJob('dues-reminder-crashed-run'),
        Boolean,
        5_000,
        'the re-enqueued job',
      );
      expect(job?.data.touser).toEqual(['zhaoxiuying2']);
      expect(await bot.runtime.deps.queues.outbound.getJob('dues-reminder-crashed-paid')).toBeUndefined();
      for (const jobId of ['dues-reminder-crashed-run', 'dues-reminder-crashed-paid']) {
        expect(await bot.runtime.deps.models.ReminderBatch.countDocuments({ jobId })).toBe(1);
      }
      // Marked queued now: a third run finds nothing stranded.
      expect(await runScheduledJob(bot.runtime.deps, 'dues-reminders', fifteenth)).toMatch(/本次提醒 0 人/);
      await DuesPayment.deleteMany({ sourceKey: { $in: ['paid-paidsince1', 'paid-paidsince2'] } });
    });
  });

  describe('members ask', () => {
    it('党费 in free phrasing: this month, arrears, the last payment', async () => {
      const mine = await say('wangguilan', '帮我查下党费 还欠几个月');
      expect(mine).toContain('未交（21.00元）'); // the reversed payment does not count
      expect(mine).toMatch(/欠交1个月.*共21.00元/);
      const paid = await say('lijianguo', '我这个月党费交了没有');
      expect(paid).toContain(`已交（收据号 XINGFULI-${YEAR}-00001）`);
      expect(paid).toContain('没有欠交的月份');
    });

    it('党费标准 from an income, the bracket named', async () => {
      expect(await say('wanghai', '我退休金四千二 一个月该交多少')).toMatch(
        /每月应交 21.00元（退休人员.*0.5%）/,
      );
      expect(await say('wanghai', '党费标准')).toMatch(/请告诉我每月收入/);
      expect(await say('wanghai', '6000')).toMatch(/每月应交 90.00元/);
    });
  });

  describe('a secretary records a payment', () => {
    it('shows exactly what will be recorded, records it only after 确认, and tells the member', async () => {
      const preview = await say('zhaoxiuying', '缴费 王桂兰 21元 代缴 王小红(女儿) 微信');
      const monthWords = `${month.slice(0, 4)}年${Number(month.slice(5))}月`;
      expect(preview).toContain(`将记录：王桂兰 ${monthWords}党费 共21.00元（微信；代缴：王小红（女儿））`);
      expect(preview).toMatch(/收据号：XINGFULI-\d{4}-00003[\s\S]*回复「确认」/);
      expect(
        await bot.runtime.deps.models.DuesPayment.countDocuments({ sourceKey: { $nin: ['t1', 't2'] } }),
      ).toBe(0);

      const done = await say('zhaoxiuying', '确认');
      expect(done).toMatch(/^已记录：王桂兰.*\n收据号 XINGFULI-\d{4}-00003，已通知本人/);
      const notice = (await bot.messagesTo('wangguilan', 1)).map(textOf).find((t) => t.includes('代缴'));
      expect(notice).toMatch(/您\d+月党费21.00元已由女儿王小红代缴，收据号 XINGFULI-\d{4}-00003/);
      expect(await say('wangguilan', '党费')).toMatch(
        /已交（收据号 XINGFULI-\d{4}-00003）[\s\S]*没有欠交的月份/,
      );
      expect(await say('zhaoxiuying', '确认')).toMatch(/没有等待确认的缴费/);
    });

    it('refuses an amount that leaves money over, a member outside the branch, and ordinary members', async () => {
      expect(await say('zhaoxiuying', '缴费 王海 20元')).toMatch(/还多5.00元/);
      expect(await say('zhaoxiuying', '缴费 李建国 90元')).toMatch(/没有找到党员「李建国」（本支部）/);
      expect(await say('wanghai', '缴费 王桂兰 21元')).toMatch(/仅限/);
    });

    it('取消 drops a payment waiting for 确认', async () => {
      expect(await say('zhaoxiuying', '缴费 王海 3个月')).toMatch(/共45.00元/);
      expect(await say('zhaoxiuying', '取消')).toMatch(/已取消/);
      expect(await say('zhaoxiuying', '确认')).toMatch(/没有等待确认的缴费/);
    });

    it('never gives two concurrent payments the same receipt number', async () => {
      const { insertWithReceipt } = await import('../../src/dues/receipts.js');
      const { models } = bot.runtime.deps;
      const community = { _id: (await models.Community.findOne())!._id, code: 'race' };
      const memberId = await id('wanghai');
      const payment = (i: number) => ({
        communityId: community._id,
        memberId,
        branchId: null,
        amountFen: 1_500,
        covered: [],
        method: 'cash' as const,
        payer: null,
        voluntary: true,
        collectorMemberId: memberId,
        sourceKey: `race-${i}`,
        paidAt: bot.clock.now(),
      });
      const numbers = await Promise.all(
        Array.from({ length: 20 }, (_, i) => insertWithReceipt(models, community, 2026, payment(i))),
      );
      expect(new Set(numbers).size).toBe(20);
      expect([...numbers].sort().at(-1)).toBe('RACE-2026-00020');
      // The same write again (a retried 确认) returns the number it already has.
      expect(await insertWithReceipt(models, community, 2026, payment(3))).toBe(numbers[3]);
    });
  });
});
