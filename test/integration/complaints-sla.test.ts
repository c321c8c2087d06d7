import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScheduledJob } from '../../jobs/scheduled/run.js';
import { FollowUpStore } from '../../src/bot/follow-up.js';
import { fireTimer, timerJobId } from '../../src/complaints/timers.js';
import type { TimerStage } from '../../src/domain/complaints/sla.js';
import { projectPath } from '../../src/paths.js';
import { CALENDAR_INSTANTS } from '../support/clock.js';
import { numberIn, textsAfter } from '../support/complaints.js';
import { seedCommunity } from '../support/seed.js';
import { startTestBot, type TestBot, textOf, waitFor } from '../support/test-bot.js';

/**
 * Time limits: delayed jobs remind the handler and escalate to the secretary; a job whose complaint has
 * moved on does nothing; nothing is sent twice; the sweep catches what a lost job missed.
 */
describe.each(Object.entries(CALENDAR_INSTANTS))('time limits at %s', (_, instant) => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({
      at: instant,
      users: ['mama', 'niuniu', 'tiantian', 'liuqiang', 'lijianguo', 'zhaoxiuying', 'zhouming'],
    });
    await seedCommunity(bot.runtime.deps.models);
  });
  afterAll(async () => {
    await bot?.close();
  });

  const HOUR = 3600_000;
  const queue = () => bot.runtime.deps.queues.complaintTimers;
  const sent = (userId: string) => bot.standin.messages({ touser: userId }).length;
  const io = () => ({
    models: bot.runtime.deps.models,
    outbound: bot.runtime.deps.queues.outbound,
    followUps: new FollowUpStore(bot.runtime.deps.redis),
    timeZone: 'Asia/Shanghai',
  });

  async function file(userId: string, text: string) {
    const number = numberIn(await bot.say(userId, text));
    const complaint = await bot.runtime.deps.models.Complaint.findOne({ number });
    return { number, id: String(complaint!._id) };
  }

  /** Runs a delayed timer now (as if its time had come) and returns what the worker made of it. */
  async function fire(id: string, stage: TimerStage, clock = 1): Promise<string> {
    const jobId = timerJobId(id, { stage, clock });
    const job = await queue().getJob(jobId);
    if (!job) throw new Error(`no timer job ${jobId}`);
    await job.promote();
    const done = await waitFor(
      () => queue().getJob(jobId),
      (j) => Boolean(j?.finishedOn),
      10_000,
      `timer ${jobId}`,
    );
    return done!.returnvalue as string;
  }

  describe('a complaint nobody accepts', () => {
    let c: { number: string; id: string };

    it('has its timers waiting as delayed jobs, one per stage', async () => {
      c = await file('mama', '5号楼2单元下水道堵了');
      const stages = ['accept-remind', 'accept-escalate', 'resolve-remind', 'resolve-escalate'] as const;
      const jobs = await Promise.all(
        stages.map((stage) => queue().getJob(timerJobId(c.id, { stage, clock: 1 }))),
      );
      expect(jobs.map((j) => j?.name)).toEqual([...stages]);
      expect(jobs[0]!.opts.delay).toBeGreaterThan(1.4 * HOUR);
      expect(jobs[0]!.opts.delay).toBeLessThanOrEqual(1.5 * HOUR);
      expect(jobs[1]!.opts.delay).toBeLessThanOrEqual(2 * HOUR);
      expect(jobs[3]!.opts.delay).toBeGreaterThan(6.9 * 24 * HOUR);
    });

    it('reminds the handler before the deadline', async () => {
      const before = sent('liuqiang');
      expect(await fire(c.id, 'accept-remind')).toBe('sent');
      const [reminder] = await textsAfter(bot, 'liuqiang', before);
      expect(reminder).toMatch(
        new RegExp(`^提醒：诉求 ${c.number}（下水道堵塞，5号楼2单元）还未受理，请在.*前受理`),
      );
    });

    it('escalates to the secretary of the handler’s branch at the deadline, with the reporter in full', async () => {
      const before = { handler: sent('liuqiang'), secretary: sent('lijianguo'), other: sent('zhaoxiuying') };
      expect(await fire(c.id, 'accept-escalate')).toBe('sent');
      const [toHandler] = await textsAfter(bot, 'liuqiang', before.handler);
      const [toSecretary] = await textsAfter(bot, 'lijianguo', before.secretary);
      expect(toHandler).toMatch(
        new RegExp(
          `^诉求 ${c.number}（下水道堵塞，5号楼2单元）已超过受理时限（2小时，\\d+月\\d+日 \\d\\d:\\d\\d到期），已报告书记，请尽快受理。$`,
        ),
      );
      expect(toSecretary).toMatch(
        new RegExp(`^【超时未受理】诉求 ${c.number}.*承办人刘强。反映人：mama（居民）`),
      );
      expect(sent('zhaoxiuying')).toBe(before.other);
    });

    it('sends nothing twice: a timer reached again (the sweep, a retry) finds it sent', async () => {
      const before = { handler: sent('liuqiang'), secretary: sent('lijianguo') };
      const job = { complaintId: c.id, stage: 'accept-escalate' as const, clock: 1 };
      expect(await fireTimer(io(), job, bot.clock.now())).toBe('already sent');
      await new Promise((r) => setTimeout(r, 300));
      expect(sent('liuqiang')).toBe(before.handler);
      expect(sent('lijianguo')).toBe(before.secretary);
    });
  });

  describe('a complaint that moves on', () => {
    it('timers of stages it has left do nothing', async () => {
      const c = await file('niuniu', '6号楼楼道灯坏了');
      await bot.say('liuqiang', `受理 ${c.number}`);
      const before = { handler: sent('liuqiang'), secretary: sent('lijianguo') };
      expect(await fire(c.id, 'accept-escalate')).toBe('stale');
      expect(await fire(c.id, 'resolve-remind')).toBe('sent');
      const [reminder] = await textsAfter(bot, 'liuqiang', before.handler);
      expect(reminder).toMatch(/^提醒：.*应在.*前办结/);

      await bot.say('liuqiang', `办结 ${c.number} 已换灯泡`);
      const after = { handler: sent('liuqiang'), secretary: sent('lijianguo') };
      expect(await fire(c.id, 'resolve-escalate')).toBe('stale');
      await new Promise((r) => setTimeout(r, 300));
      expect(sent('liuqiang')).toBe(after.handler);
      expect(sent('lijianguo')).toBe(before.secretary);
    });

    it('after 办结 the reporter is reminded once to rate', async () => {
      const c = await file('niuniu', '6号楼门口垃圾没人清');
      await bot.say('liuqiang', `办结 ${c.number} 已清运`);
      const job = await queue().getJob(timerJobId(c.id, { stage: 'rate-remind', clock: 1 }));
      expect(job?.opts.delay).toBeGreaterThan(71 * HOUR);
      const before = sent('niuniu');
      expect(await fire(c.id, 'rate-remind')).toBe('sent');
      const [reminder] = await textsAfter(bot, 'niuniu', before);
      expect(reminder).toContain(`${c.number}（环境卫生，6号楼）已办结3天了，还没有收到您的评价`);
      expect(reminder).toContain(`评价 ${c.number} 满意`);
      // A rating after that: no reminder is live any more.
      await bot.say('niuniu', `评价 ${c.number} 基本满意`);
      expect(
        await fireTimer(io(), { complaintId: c.id, stage: 'rate-remind', clock: 1 }, bot.clock.now()),
      ).toBe('stale');
    });

    it('不满意 reopens it with a new resolve clock, whose timers are new jobs', async () => {
      const c = await file('mama', '5号楼楼道里堆满杂物 有隐患');
      await bot.say('liuqiang', `受理 ${c.number}`);
      await bot.say('liuqiang', `办结 ${c.number} 已清理`);
      const before = sent('liuqiang');
      expect(await bot.say('mama', `评价 ${c.number} 不满意 只清了一半`)).toMatch(/已重新交给刘强办理/);
      const [told] = await textsAfter(bot, 'liuqiang', before);
      expect(told).toMatch(new RegExp(`^诉求 ${c.number} 反映人评价：不满意，只清了一半。已重新交办`));
      expect(await fire(c.id, 'resolve-escalate', 1)).toBe('stale');
      expect(await queue().getJob(timerJobId(c.id, { stage: 'resolve-escalate', clock: 2 }))).toBeTruthy();
    });
  });

  describe('the sweep', () => {
    it('fires a timer whose delayed job was lost, once', async () => {
      const c = await file('niuniu', '5号楼有人遛狗不拴绳');
      for (const stage of [
        'accept-remind',
        'accept-escalate',
        'resolve-remind',
        'resolve-escalate',
      ] as const) {
        await (await queue().getJob(timerJobId(c.id, { stage, clock: 1 })))?.remove();
      }
      const at = new Date(bot.clock.now().getTime() + 3 * HOUR);
      const before = { handler: sent('liuqiang'), secretary: sent('lijianguo') };
      const report = await runScheduledJob(bot.runtime.deps, 'complaint-sweep', at);
      expect(report).toMatch(/诉求时限巡查：检查 \d+ 件，补发 \d+ 项/);
      const escalations = (await textsAfter(bot, 'lijianguo', before.secretary)).filter((t) =>
        t.includes(c.number),
      );
      expect(escalations).toHaveLength(1);
      expect(escalations[0]).toMatch(/^【超时未受理】/);
      // The reminder's deadline had passed: not sent late.
      const toHandler = bot.standin.messages({ touser: 'liuqiang' }).slice(before.handler).map(textOf);
      expect(toHandler.filter((t) => t.startsWith('提醒') && t.includes(c.number))).toEqual([]);

      const again = { handler: sent('liuqiang'), secretary: sent('lijianguo') };
      expect(await runScheduledJob(bot.runtime.deps, 'complaint-sweep', at)).toMatch(/补发 0 项/);
      await new Promise((r) => setTimeout(r, 300));
      expect(sent('lijianguo')).toBe(again.secretary);
      expect(sent('liuqiang')).toBe(again.handler);
    });

    it('runs by hand: npx tsx src/cli.ts job complaint-sweep --at <ISO>', async () => {
      const run = promisify(execFile);
      const env = { ...process.env, MONGODB_URI: bot.config.mongodbUri, LOG_LEVEL: 'silent' };
      // As of long ago nothing is due, so nothing is sent through the default queues.
      const { stdout } = await run(
        'npx',
        ['tsx', 'src/cli.ts', 'job', 'complaint-sweep', '--at', '2020-01-01T09:00:00+08:00', '--local'],
        { cwd: projectPath(), env },
      );
      expect(stdout).toMatch(/诉求时限巡查：检查 \d+ 件，补发 0 项/);
    });
  });

  describe('an escalation with no secretary to tell', () => {
    it('goes to the deputies and administrators; with nobody at all, the handler is not told anyone was', async () => {
      const { Member } = bot.runtime.deps.models;
      const c = await file('tiantian', '6号楼2单元暖气不热');
      await Member.updateMany({ roles: 'secretary' }, { $pull: { roles: 'secretary' } });
      try {
        const before = { handler: sent('liuqiang'), admin: sent('zhouming') };
        expect(await fire(c.id, 'accept-escalate')).toBe('sent');
        expect((await textsAfter(bot, 'zhouming', before.admin))[0]).toMatch(/^【超时未受理】/);
        expect((await textsAfter(bot, 'liuqiang', before.handler))[0]).toMatch(
          /已超过受理时限（2小时，.*到期），已报告社区负责人，请尽快受理。$/,
        );

        await Member.updateOne({ wecomUserId: 'zhouming' }, { $pull: { roles: 'admin' } });
        const after = sent('liuqiang');
        expect(await fire(c.id, 'resolve-escalate')).toBe('sent');
        expect((await textsAfter(bot, 'liuqiang', after))[0]).toMatch(
          /已超过办结时限（7天，.*到期），请抓紧办理。$/,
        );
      } finally {
        for (const userId of ['lijianguo', 'zhaoxiuying']) {
          await Member.updateOne({ wecomUserId: userId }, { $addToSet: { roles: 'secretary' } });
        }
        await Member.updateOne({ wecomUserId: 'zhouming' }, { $addToSet: { roles: 'admin' } });
      }
    });
  });
});
