import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { State } from '../../src/domain/complaints/lifecycle.js';
import { type ClockedBot, startClockedBot } from '../support/clocked-bot.js';
import { numberIn } from '../support/complaints.js';
import { seedCommunity } from '../support/seed.js';
import { textOf, waitFor } from '../support/test-bot.js';

/**
 * Complaints on a set clock. WeCom drops a message identical to one the same person got within 4 hours
 * (enable_duplicate_check, which the stand-in enforces): a complaint that takes the same step twice must
 * still be told twice. And a number typed without its year may be last year's.
 */

let clocked: ClockedBot;
beforeAll(async () => {
  clocked = await startClockedBot('2026-11-23T10:00:00+08:00', {
    users: ['res', 'old', 'liuqiang', 'sunli'],
  });
  await seedCommunity(clocked.bot.runtime.deps.models);
});
afterAll(async () => {
  await clocked?.bot.close();
});

describe('the same step twice', () => {
  it('受理, 转派 away and back, 受理 again: the reporter hears both acceptances, each with its time', async () => {
    const n = numberIn(await clocked.say('res', '5号楼下水道堵了'));
    const steps: Array<[string, string, string]> = [
      ['10:05', 'liuqiang', `受理 ${n}`],
      ['10:10', 'liuqiang', `转派 ${n} 孙丽`],
      ['10:15', 'sunli', `转派 ${n} G03`],
      ['10:20', 'liuqiang', `受理 ${n}`],
    ];
    for (const [time, userId, text] of steps) {
      clocked.set(`2026-11-23T${time}:00+08:00`);
      await clocked.say(userId, text);
    }
    const accepted = await waitFor(
      () =>
        clocked.bot.standin
          .messages({ touser: 'res' })
          .map(textOf)
          .filter((t) => t.includes('已受理，由刘强负责办理')),
      (t) => t.length >= 2,
      10_000,
      'two acceptance notices',
    );
    expect(accepted).toEqual([
      expect.stringContaining('（11月23日 10:05）'),
      expect.stringContaining('（11月23日 10:20）'),
    ]);
  });
});

describe('a number without its year', () => {
  /** A copy of `number` filed last year as `lastYear`, in `state`. */
  async function lastYears(number: string, lastYear: string, state: State) {
    const { Complaint } = clocked.bot.runtime.deps.models;
    const { _id, createdAt, updatedAt, ...rest } = (await Complaint.findOne({ number }).lean())!;
    await Complaint.create({
      ...rest,
      number: lastYear,
      year: 2025,
      seq: Number(lastYear.slice(5)),
      month: '2025-12',
      sourceKey: `${rest.sourceKey}-${lastYear}`,
      state,
    });
  }

  it('is this year’s, or last year’s when only that one is there; both: the sender is asked which', async () => {
    clocked.set('2026-11-23T11:00:00+08:00');
    const n = numberIn(await clocked.say('old', '6号楼楼道灯坏了'));
    const seq = Number(n.slice(5));
    await lastYears(n, `2025-${n.slice(5)}`, 'resolved');
    expect(await clocked.say('old', `进度 ${seq}`)).toBe(
      `请问是 ${n} 还是 2025-${n.slice(5)}？请写完整编号。`,
    );
    await lastYears(n, '2025-0099', 'resolved');
    expect(await clocked.say('old', '进度 99')).toMatch(/^诉求 2025-0099 /);
    await clocked.bot.runtime.deps.models.Complaint.updateOne(
      { number: `2025-${n.slice(5)}` },
      { state: 'closed' },
    );
    expect(await clocked.say('old', `进度 ${seq}`)).toMatch(new RegExp(`^诉求 ${n} `));
  });
});
