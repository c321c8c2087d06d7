import { Cluster } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { timerJobId } from '../../src/complaints/timers.js';
import { enqueueFanout } from '../../src/queues/queues.js';
import { numberIn, textsAfter } from '../support/complaints.js';
import { seedCommunity } from '../support/seed.js';
import { HELP_REPLY, REDIS_CLUSTER_URL, startTestBot, type TestBot, waitFor } from '../support/test-bot.js';

/**
 * The same bot on a 3-master Redis Cluster (started by scripts/services.sh on loopback): every queue, script,
 * lock and cache must keep its keys within one slot, or Redis answers CROSSSLOT.
 */
const PEOPLE = ['mama', 'liuqiang', 'lijianguo', 'wangguilan'];
let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot({ redisUrl: REDIS_CLUSTER_URL, users: PEOPLE });
  await seedCommunity(bot.runtime.deps.models);
});
afterAll(async () => {
  await bot?.close();
});

describe('on a Redis Cluster', () => {
  it('really runs on three masters, with the queues spread over them', async () => {
    const { redis } = bot.runtime.deps;
    expect(redis).toBeInstanceOf(Cluster);
    expect((redis as Cluster).nodes('master')).toHaveLength(3);
    const slots = await Promise.all(
      ['inbound', 'outbound', 'complaint-timers'].map((queue) =>
        (redis as Cluster).cluster('KEYSLOT', `{${bot.ns}:${queue}}:${queue}:wait`),
      ),
    );
    expect(new Set(slots).size).toBe(3);
  });

  it('acks a callback, handles it and replies through the WeCom API', async () => {
    expect(await bot.say('wangguilan', '帮助')).toMatch(HELP_REPLY);
  });

  it('fans a reminder out in batches of 1000 under the per-recipient rate limit', async () => {
    const crowd = Array.from({ length: 1_200 }, (_, i) => `resident${String(i).padStart(4, '0')}`);
    bot.standin.setUsers([...crowd, ...PEOPLE].map((userid) => ({ userid, name: userid })));
    const batches = await enqueueFanout(
      bot.runtime.deps.queues.outbound,
      'cluster-notice',
      crowd,
      { type: 'text', content: '明晚七点社区党群服务中心学习，请准时参加。' },
      'notice',
      new Date('2026-11-18T10:07:00+08:00'),
    );
    expect(batches).toBe(2);
    const jobs = await bot.runtime.deps.queues.outbound.getJobs(['delayed', 'wait']);
    await Promise.all(
      jobs.filter((j) => j.id?.startsWith('cluster-notice')).map((j) => j.promote().catch(() => undefined)),
    );
    await waitFor(
      () => crowd.filter((u) => bot.standin.messages({ touser: u }).length > 0).length,
      (n) => n === crowd.length,
      20_000,
      'the notice to all 1,200',
    );
    expect(bot.standin.messages({ touser: 'resident0000' })).toHaveLength(1);
  });

  it('runs a complaint timer from its delayed job', async () => {
    const number = numberIn(await bot.say('mama', '5号楼2单元下水道堵了'));
    const complaint = await bot.runtime.deps.models.Complaint.findOne({ number });
    const jobId = timerJobId(String(complaint!._id), { stage: 'accept-remind', clock: 1 });
    const queue = bot.runtime.deps.queues.complaintTimers;
    const before = bot.standin.messages({ touser: 'liuqiang' }).length;
    await (await queue.getJob(jobId))!.promote();
    const done = await waitFor(
      () => queue.getJob(jobId),
      (j) => Boolean(j?.finishedOn),
      10_000,
      'the timer',
    );
    expect(done!.returnvalue).toBe('sent');
    const [reminder] = await textsAfter(bot, 'liuqiang', before);
    expect(reminder).toMatch(new RegExp(`^提醒：诉求 ${number}.*还未受理`));
  });
});
