import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScheduledJob } from '../../jobs/scheduled/run.js';
import { addMonths } from '../../src/domain/dues/allocation.js';
import { currentYearMonth, type YearMonth } from '../../src/domain/text/index.js';
import { CALENDAR_INSTANTS } from '../support/clock.js';
import { seedCommunity } from '../support/seed.js';
import { startTestBot, type TestBot, textOf, waitFor } from '../support/test-bot.js';

describe.each(Object.entries(CALENDAR_INSTANTS))('officers at %s', (_, instant) => {
  let bot: TestBot;
  const month = currentYearMonth(new Date(instant), 'Asia/Shanghai') as YearMonth;
  const sixteenth = new Date(`${month}-16T09:00:00+08:00`);
  const USERS = ['wangguilan', 'wanghai', 'lijianguo', 'zhaoxiuying', 'zhouming'];

  beforeAll(async () => {
    bot = await startTestBot({ at: instant, users: USERS });
    await seedCommunity(bot.runtime.deps.models);
    await charge('wangguilan', 7, 2_100); // 6 months behind before this one: the Art. 9 flag
    await charge('wanghai', 4, 1_500); // 3 months behind
    await charge('lijianguo', 1, 9_000); // this month only
    await bot.runtime.deps.models.Member.updateOne(
      { wecomUserId: 'wanghai' },
      { monthlyDuesFenOverride: 1_500 },
    );
  });
  afterAll(async () => {
    await bot?.close();
  });

  const arrearsAlerts = (at: string) =>
    runScheduledJob(bot.runtime.deps, 'dues-arrears-alerts', new Date(at));

  /** Charges `months` months ending with `last`, unpaid. */
  async function charge(userId: string, months: number, fen: number, last: YearMonth = month) {
    const { Member, DuesCharge } = bot.runtime.deps.models;
    const m = (await Member.findOne({ wecomUserId: userId }))!;
    for (let i = 0; i < months; i++) {
      await DuesCharge.create({
        communityId: m.communityId,
        memberId: m._id,
        branchId: m.branchId,
        wecomUserId: m.wecomUserId,
        duesSchedule: m.duesSchedule,
        month: addMonths(last, -i),
        fen,
      });
    }
  }

  const say = (userId: string, text: string) => bot.say(userId, text);

  async function promoteAndCollect(userId: string, count: number): Promise<string[]> {
    for (const job of await bot.runtime.deps.queues.outbound.getDelayed()) await job.promote();
    return (await bot.messagesTo(userId, count)).map(textOf);
  }

  describe('alerts to the branch secretary', () => {
    it('flags 3 and 6 consecutive unpaid months once, the 6-month one naming Art. 9 as the branch’s decision', async () => {
      expect(await arrearsAlerts(`${month}-16T09:30:00+08:00`)).toMatch(/新提醒 2 人/);
      expect(await arrearsAlerts(`${month}-16T09:30:00+08:00`)).toMatch(/新提醒 0 人/);
      const texts = await promoteAndCollect('zhaoxiuying', 2);
      expect(texts).toContainEqual(
        expect.stringMatching(/：王桂兰 已连续6个月以上未交党费。.*党章第九条.*支部大会讨论决定/),
      );
      expect(texts).toContainEqual(expect.stringMatching(/：王海 已连续3个月未交党费/));
      expect(texts.join('\n')).not.toContain('（连续6个月）');
      expect(bot.standin.messages({ touser: 'lijianguo' })).toHaveLength(0); // his branch has nobody 3 months behind
    });

    it('sends each branch its collection figures the morning after the reminders', async () => {
      expect(await runScheduledJob(bot.runtime.deps, 'dues-summary', sixteenth)).toMatch(/发给 2 个支部/);
      expect(await runScheduledJob(bot.runtime.deps, 'dues-summary', sixteenth)).toMatch(/发给 0 个支部/);
      const texts = await promoteAndCollect('zhaoxiuying', 3);
      expect(texts).toContainEqual(
        expect.stringMatching(/^退休支部 \d+月党费：应缴 36.00元，实缴 0.00元，收缴率 0.0%。\n未交（2人）/),
      );
    });
  });

  describe('secretary commands', () => {
    it('欠费名单 lists who owes what in the branch', async () => {
      const list = await say('zhaoxiuying', '欠费名单');
      expect(list).toMatch(/王桂兰：欠\d个月/);
      expect(list).toMatch(/王海：欠\d个月/);
      expect(list).not.toContain('李建国');
    });

    it('党费统计 gives 应缴, 实缴 and the rate, by branch for the community', async () => {
      const stats = await say('zhouming', '党费统计');
      expect(stats).toMatch(/应缴 126.00元 · 实缴 0.00元 · 收缴率 0.0% · 欠交 3人/);
      expect(stats).toContain('退休支部：应缴 36.00元');
    });

    it('冲正 shows what will be reversed and waits for 确认, like 缴费; once; the member is told', async () => {
      await say('zhaoxiuying', '缴费 王海 15元 现金');
      const done = await say('zhaoxiuying', '确认');
      const receipt = /收据号 (\S+)，/.exec(done)?.[1];
      expect(receipt).toMatch(/^XINGFULI-\d{4}-00001$/);
      const shown = await say('zhaoxiuying', `冲正 ${receipt} 金额记错`);
      expect(shown).toMatch(
        new RegExp(`^将冲正：收据 ${receipt}，王海\\d+月党费15.00元。\n原因：金额记错\n`),
      );
      expect(shown).toMatch(/回复「确认」冲正，回复「取消」放弃。$/);
      expect(await bot.runtime.deps.models.DuesReversal.countDocuments({ receiptNo: receipt })).toBe(0);
      expect(await say('zhaoxiuying', '取消')).toBe('好的，已取消。');
      expect(await bot.runtime.deps.models.DuesReversal.countDocuments({ receiptNo: receipt })).toBe(0);
      await say('zhaoxiuying', `冲正 ${receipt} 金额记错`);
      expect(await say('zhaoxiuying', '确认')).toMatch(/已冲正收据 .*（15.00元）。\d+月重新记为未交/);
      expect(await say('zhaoxiuying', `冲正 ${receipt} 再来一次`)).toMatch(/已经冲正过了/);
      const notices = (await bot.messagesTo('wanghai', 2)).map(textOf);
      expect(notices).toContainEqual(expect.stringMatching(/已作废，原因：金额记错/));
      expect(await say('zhaoxiuying', '冲正')).toMatch(/请发要冲正的收据号和原因/);
    });
  });

  describe('npm run dues -- assess <year>', () => {
    it('assesses from the roster and reports what changed on a second run', async () => {
      const { execFile } = await import('node:child_process');
      const { promisify } = await import('node:util');
      const { projectPath } = await import('../../src/paths.js');
      const run = () =>
        promisify(execFile)('npx', ['tsx', 'src/cli.ts', 'dues', 'assess', '2031'], {
          cwd: projectPath(),
          env: { ...process.env, MONGODB_URI: bot.config.mongodbUri },
        });
      const first = await run();
      expect(first.stdout).toMatch(/2031年党费核定：新核定 1 · 未变 0 · 调整 0 · 缺基数 7/); // only 王海 has an amount
      await bot.runtime.deps.models.Member.updateOne(
        { wecomUserId: 'wanghai' },
        { monthlyDuesFenOverride: 2_000 },
      );
      const second = await run();
      expect(second.stdout).toMatch(/调整 1/);
      expect(second.stdout).toContain('调整 王海：15.00元 → 20.00元');
    });
  });

  describe('arrears counted only once late', () => {
    const alertTexts = () =>
      bot.standin
        .messages({ touser: 'zhaoxiuying' })
        .map((m) => JSON.stringify(m))
        .filter((t) => t.includes('连续'));

    it('this month and a quarterly payer’s unfinished quarter are not behind yet', async () => {
      await bot.runtime.deps.models.Member.updateOne(
        { wecomUserId: 'chenshufen' },
        { duesSchedule: 'quarterly' },
      );
      await charge('chenshufen', 5, 1_000, '2030-12'); // August to December, unpaid
      await charge('wanghai', 3, 1_500, '2030-12'); // October to December, unpaid
      const before = alertTexts().length;
      // On 16 December: wanghai's December is not late yet; chenshufen's quarter ended in September.
      expect(await arrearsAlerts('2030-12-16T09:30:00+08:00')).toMatch(/新提醒 0 人/);
      // On 16 January: wanghai is 3 months behind, chenshufen's fourth quarter is over (5 months).
      expect(await arrearsAlerts('2031-01-16T09:30:00+08:00')).toMatch(/新提醒 2 人/);
      for (const job of await bot.runtime.deps.queues.outbound.getDelayed()) await job.promote();
      const text = (await waitFor(alertTexts, (t) => t.length > before)).slice(before).join('\n');
      expect(text).toMatch(/陈淑芬（连续5个月）/);
      expect(text).toMatch(/[：、]王海(、|\s)/);
    });
  });
});
