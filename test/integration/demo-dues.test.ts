import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDemo } from '../../src/roster/demo.js';
import { type ClockedBot, startClockedBot } from '../support/clocked-bot.js';

/**
 * The demo a newcomer starts with `npm run local`: this year's dues already charged month by month, and paid as a
 * branch's ledger looks in any month — most members paid up, some a few months behind, some through a relative.
 */

let c: ClockedBot;
let seeded: Awaited<ReturnType<typeof importDemo>>;
const models = () => c.bot.runtime.deps.models;

beforeAll(async () => {
  // Sunday 6 December 2026, morning: charges for January to December exist, December's paid by some.
  c = await startClockedBot('2026-12-06T09:20:00+08:00', { users: [] });
  seeded = await importDemo(models(), c.now());
  const people = await models().Member.find({}, { wecomUserId: 1, name: 1 }).lean();
  c.bot.standin.setUsers(people.map((p) => ({ userid: p.wecomUserId, name: p.name })));
}, 120_000);
afterAll(async () => {
  await c?.bot.close();
});

describe('the demo community’s dues', () => {
  it('are charged for every month of the year up to this one, by the monthly job’s code', async () => {
    const months = await models().DuesCharge.distinct('month');
    expect(months.sort()).toEqual(
      Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`),
    );
    const perMonth = await models().DuesCharge.countDocuments({ month: '2026-12' });
    expect(perMonth).toBeGreaterThan(100);
    expect(await models().DuesCharge.countDocuments({ month: '2026-01' })).toBe(perMonth);
    expect(seeded.dues?.payments).toBeGreaterThan(100);
  });

  it('a member who is paid up hears this month is paid, with the receipt', async () => {
    const reply = await c.say('lijianguo', '党费交了没有');
    expect(reply).toMatch(/^李建国同志，您的党费情况：\n本月 2026年12月：已交（收据号 XINGFULI-2026-\d{5}）/);
    expect(reply).toContain('没有欠交的月份。');
    expect(reply).not.toContain('还没有您的党费记录');
  });

  it('a member two months behind hears which months and how much', async () => {
    const reply = await c.say('chenshufen', '党费交了没有');
    expect(reply).toContain('本月 2026年12月：未交（21.00元）');
    expect(reply).toContain('欠交2个月（11月、12月），共42.00元。');
    expect(reply).toContain('已交到：2026年10月');
  });

  it('a mobile member’s dues were paid by her father, as the roster says', async () => {
    const reply = await c.say('shenxinyi', '党费交了没有');
    expect(reply).toMatch(/最近一次：.*沈晓明/);
  });

  it('loading the demo again writes nothing twice', async () => {
    const before = {
      charges: await models().DuesCharge.countDocuments({}),
      payments: await models().DuesPayment.countDocuments({}),
    };
    const again = await importDemo(models(), c.now());
    expect(again.dues).toEqual({ charges: 0, payments: 0 });
    expect(await models().DuesCharge.countDocuments({})).toBe(before.charges);
    expect(await models().DuesPayment.countDocuments({})).toBe(before.payments);
  });
});
