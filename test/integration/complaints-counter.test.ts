import type { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/bot/user-error.js';
import { applyChange } from '../../src/complaints/changes.js';
import { insertNumbered } from '../../src/complaints/numbering.js';
import { DEFAULT_SLA, startClocks } from '../../src/domain/complaints/sla.js';
import type { Complaint } from '../../src/models/complaint.js';
import { numberIn } from '../support/complaints.js';
import { seedCommunity } from '../support/seed.js';
import { startTestBot, type TestBot } from '../support/test-bot.js';

/**
 * Numbers and changes under concurrency, on FerretDB (where a conditional update is not exclusive): every
 * complaint gets its own number, and of concurrent changes decided on the same version exactly one is taken.
 */

let bot: TestBot;
let communityId: Types.ObjectId;
beforeAll(async () => {
  bot = await startTestBot({ users: Array.from({ length: 8 }, (_, i) => `r${i}`) });
  const { community } = await seedCommunity(bot.runtime.deps.models);
  communityId = community._id;
});
afterAll(async () => {
  await bot?.close();
});

const models = () => bot.runtime.deps.models;

function draft(i: number, year = 2030): Omit<Complaint, 'number' | 'year' | 'seq'> {
  const now = bot.clock.now();
  return {
    communityId,
    month: `${year}-01`,
    sourceKey: `concurrency-${year}-${i}`,
    reporter: { userId: `r${i}`, kind: 'resident', personId: communityId, name: '', phone: null },
    category: 'drain',
    urgent: false,
    tier: 'ordinary',
    description: '下水道堵了',
    building: '5号楼',
    unit: null,
    room: null,
    place: null,
    location: null,
    gridId: null,
    handlerUserId: 'liuqiang',
    handlerName: '刘强',
    state: 'pending',
    referredTo: null,
    duplicateOf: null,
    duplicateOfNumber: null,
    subscribers: [`r${i}`],
    photos: [],
    history: [],
    version: 1,
    ...startClocks(now, 'ordinary', DEFAULT_SLA),
    respondedAt: null,
    resolvedAt: null,
    rating: null,
    ratingComment: '',
  };
}

describe('the complaint number counter', () => {
  it('gives 20 concurrent complaints 20 consecutive numbers', async () => {
    const filed = await Promise.all(
      Array.from({ length: 20 }, (_, i) => insertNumbered(models(), 2030, draft(i))),
    );
    expect(filed.map((c) => c.number).sort()).toEqual(
      Array.from({ length: 20 }, (_, i) => `2030-${String(i + 1).padStart(4, '0')}`),
    );
  });

  it('a retried complaint keeps its number; another year starts again at 1', async () => {
    const again = await insertNumbered(models(), 2030, draft(3));
    expect(again.sourceKey).toBe('concurrency-2030-3');
    expect(await models().Complaint.countDocuments({ year: 2030 })).toBe(20);
    expect((await insertNumbered(models(), 2031, draft(0, 2031))).number).toBe('2031-0001');
  });

  it('numbers reports arriving at once through the webhook without gaps or repeats', async () => {
    const replies = await Promise.all(
      Array.from({ length: 8 }, (_, i) => bot.say(`r${i}`, `${10 + i}号楼路灯不亮`)),
    );
    const numbers = replies.map(numberIn);
    expect(new Set(numbers).size).toBe(8);
    const seqs = numbers.map((n) => Number(n.slice(5))).sort((a, b) => a - b);
    expect(seqs).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });
});

describe('concurrent changes to one complaint', () => {
  it('exactly one of ten concurrent changes decided on the same state is taken; the rest are refused', async () => {
    const c = await insertNumbered(models(), 2030, draft(99));
    const now = bot.clock.now();
    const outcomes = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        applyChange(models(), c._id, `accept-${i}`, now, (current) =>
          current.state !== 'pending'
            ? '已经受理了'
            : {
                update: { $set: { state: 'accepted', handlerName: `h${i}` } },
                entry: {
                  step: 'accept',
                  from: 'pending',
                  to: 'accepted',
                  byUserId: `h${i}`,
                  byName: '',
                  at: now,
                  note: '',
                  photos: [],
                },
              },
        ),
      ),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(refused).toHaveLength(9);
    for (const r of refused) expect(r.reason).toBeInstanceOf(UserError);
    const saved = await models().Complaint.findById(c._id);
    expect(saved?.version).toBe(2);
    expect(saved?.history).toHaveLength(1);
    expect(saved?.history[0]?.byUserId).toBe(saved?.handlerName);
  });

  it('a retried change finds its step and writes nothing new', async () => {
    const c = await insertNumbered(models(), 2030, draft(98));
    const change = () =>
      applyChange(models(), c._id, 'note-once', bot.clock.now(), () => ({
        update: { $addToSet: { subscribers: 'someone' } },
      }));
    expect((await change()).version).toBe(2);
    expect((await change()).version).toBe(2);
    expect((await models().Complaint.findById(c._id))?.version).toBe(2);
  });
});
