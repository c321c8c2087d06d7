import type { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noticeOnce } from '../../jobs/scheduled/branch-notices.js';
import { seedCommunity } from '../support/seed.js';
import { startTestBot, type TestBot, textOf } from '../support/test-bot.js';

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot({ users: ['lijianguo', 'wangguilan', 'wanghai'] });
  await seedCommunity(bot.runtime.deps.models);
});
afterAll(async () => {
  await bot?.close();
});

describe('a notice to a branch officer about members, once per member and period', () => {
  it('tells about a member found later in the same period in a notice of its own, and nobody twice', async () => {
    const { models } = bot.runtime.deps;
    const member = async (userId: string) => (await models.Member.findOne({ wecomUserId: userId }).lean())!;
    const secretary = await member('lijianguo');
    const branchId = secretary.branchId!;
    const [wang, hai] = [await member('wangguilan'), await member('wanghai')];
    const notice = (subjects: Array<{ _id: Types.ObjectId }>) =>
      noticeOnce(
        bot.runtime.deps,
        {
          branchId,
          communityId: secretary.communityId,
          officers: ['lijianguo'],
          kind: 'test-absences',
          period: '2026-11',
          subjects: subjects.map((s) => s._id),
          at: bot.clock.now(),
        },
        (fresh) =>
          `连续缺席：${[wang, hai]
            .filter((m) => fresh.has(String(m._id)))
            .map((m) => m.name)
            .join('、')}`,
      );

    expect(await notice([wang])).toBe(1);
    expect(await notice([wang])).toBe(0); // a re-run the same day
    expect(await notice([wang, hai])).toBe(1); // the next day someone else reaches the count
    for (const job of await bot.runtime.deps.queues.outbound.getDelayed()) await job.promote();
    const sent = await bot.messagesTo('lijianguo', 2);
    // Each is sent a few minutes after its run, off the hour: their order is not the point.
    expect(sent.map(textOf).sort()).toEqual([`连续缺席：${wang.name}`, `连续缺席：${hai.name}`].sort());
  });

  it('re-sends a notice whose run died between claiming and enqueueing, with any new member', async () => {
    const { models } = bot.runtime.deps;
    const secretary = (await models.Member.findOne({ wecomUserId: 'lijianguo' }).lean())!;
    const wang = (await models.Member.findOne({ wecomUserId: 'wangguilan' }).lean())!;
    // What a crashed run leaves: the claim, no batch mark, nothing on the queue.
    await models.Reminder.create({
      communityId: secretary.communityId,
      memberId: wang._id,
      kind: 'test-crash',
      period: '2026-11',
      jobId: 'test-crash-never-enqueued',
    });
    const sent = await noticeOnce(
      bot.runtime.deps,
      {
        branchId: secretary.branchId!,
        communityId: secretary.communityId,
        officers: ['lijianguo'],
        kind: 'test-crash',
        period: '2026-11',
        subjects: [wang._id],
        at: bot.clock.now(),
      },
      () => '补发的提醒',
    );
    expect(sent).toBe(1);
    const claim = await models.Reminder.findOne({ kind: 'test-crash', memberId: wang._id }).lean();
    expect(await models.ReminderBatch.countDocuments({ jobId: claim?.jobId })).toBe(1);
  });
});
