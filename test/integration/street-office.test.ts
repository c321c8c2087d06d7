import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askCommunity } from '../../src/bot/community-choice.js';
import { projectPath } from '../../src/paths.js';
import { importGrids, importRoster } from '../../src/roster/import.js';
import { numberIn } from '../support/complaints.js';
import { seedCommunity } from '../support/seed.js';
import { startTestBot, type TestBot } from '../support/test-bot.js';

/**
 * One deployment, one street office, two communities: 幸福里社区 (xingfuli; grid G03 covers 5号楼 and 6号楼,
 * led by liuqiang) and 和平里社区 (heping, imported from its 花名册; G01 covers 1–6号楼, led by 孙丽华, G02 the
 * 北区 buildings, led by 卫东升). Both have a 5号楼 and a 6号楼.
 */

let bot: TestBot;
const heping = { communityCode: 'heping', communityName: '和平里社区' };

beforeAll(async () => {
  bot = await startTestBot({
    users: ['liuqiang', 'lijianguo', 'sunlihua', 'weidongsheng', 'zhangsan', 'lisi', 'wangwu', 'jiedao'],
  });
  const { models } = bot.runtime.deps;
  const xingfuli = await seedCommunity(models);
  await importRoster(models, { ...heping, file: projectPath('fixtures/heping/huamingce.xlsx') });
  // The two grid leaders have bound their accounts (binding.test.ts shows how).
  await models.Member.updateOne({ name: '孙丽华' }, { $set: { wecomUserId: 'sunlihua' } });
  await models.Member.updateOne({ name: '卫东升' }, { $set: { wecomUserId: 'weidongsheng' } });
  await importGrids(models, { ...heping, file: projectPath('fixtures/heping/grids.csv') });
  await models.Member.create({
    communityId: xingfuli.community._id,
    wecomUserId: 'jiedao',
    name: '刘晓梅',
    roles: ['street'],
  });
});
afterAll(async () => {
  await bot?.close();
});

/** The complaint a reply to `userId` announced, with its community's code (numbers repeat between communities). */
async function filed(userId: string, reply: string) {
  const { Complaint, Community } = bot.runtime.deps.models;
  const complaints = await Complaint.find({ number: numberIn(reply), 'reporter.userId': userId }).lean();
  const communities = await Community.find().lean();
  return complaints.map((c) => ({
    community: communities.find((k) => k._id.equals(c.communityId))?.code,
    handler: c.handlerUserId,
    building: c.building,
  }));
}

describe('a resident belongs to the right community', () => {
  it('is asked which community when the building is in both, and the answer files it there', async () => {
    expect(await bot.say('zhangsan', '反映 6号楼楼道灯坏了好几天了')).toBe(
      askCommunity(['和平里社区', '幸福里社区']),
    );
    const reply = await bot.say('zhangsan', '2');
    expect(await filed('zhangsan', reply)).toEqual([
      { community: 'xingfuli', handler: 'liuqiang', building: '6号楼' },
    ]);
  });

  it('stays with the community dealt with before, although both have the building named', async () => {
    const reply = await bot.say('zhangsan', '五号楼二单元下水道堵了');
    expect(await filed('zhangsan', reply)).toEqual([
      { community: 'xingfuli', handler: 'liuqiang', building: '5号楼' },
    ]);
  });

  it('is placed by a building only one community has, and reaches that grid leader', async () => {
    const reply = await bot.say('lisi', '北区2栋门口的路灯坏了好几天了');
    expect(await filed('lisi', reply)).toEqual([
      { community: 'heping', handler: 'weidongsheng', building: '北区2栋' },
    ]);
  });

  it('a 和平里 resident naming 5号楼, which 幸福里 has too, reaches 和平里’s grid leader', async () => {
    const reply = await bot.say('lisi', '反映 5号楼2单元楼道里堆满了杂物');
    expect(await filed('lisi', reply)).toEqual([
      { community: 'heping', handler: 'sunlihua', building: '5号楼' },
    ]);
  });

  it('is placed by the community named with the building', async () => {
    const reply = await bot.say('wangwu', '幸福里5号楼电梯又坏了');
    expect(await filed('wangwu', reply)).toEqual([
      { community: 'xingfuli', handler: 'liuqiang', building: '5号楼' },
    ]);
  });
});

describe('street staff', () => {
  it('see every community’s 月报 on a line each, and one community in full on request', async () => {
    const all = await bot.say('jiedao', '月报');
    const lines = all.split('\n');
    expect(lines[0]).toMatch(/^月报 · .+（全街道）$/);
    expect(lines[1]).toMatch(/^和平里社区：党费 .+；群众诉求 收到2件，已办结0件，在办2件/);
    expect(lines[2]).toMatch(/^幸福里社区：党费 .+；群众诉求 收到3件，已办结0件，在办3件/);
    const one = await bot.say('jiedao', '月报 和平里');
    expect(one).toMatch(/^月报 · .+（和平里社区）\n【党费】/);
    expect(one).toContain('收到2件');
  });

  it('see 诉求统计, 党费统计 and 党务公开 per community', async () => {
    const stats = await bot.say('jiedao', '诉求统计');
    expect(stats).toMatch(/\n和平里社区：收到2件，.+\n幸福里社区：收到3件，/);
    expect(await bot.say('jiedao', '党费统计')).toMatch(/\n和平里社区：.+\n幸福里社区：/);
    expect(await bot.say('jiedao', '党务公开')).toMatch(/（全街道）\n和平里社区：党费 .+\n幸福里社区：党费 /);
    expect(await bot.say('jiedao', '诉求统计 幸福里')).toMatch(/^诉求统计 · .+（幸福里社区）\n收到3件/);
  });

  it('are told the names when a community is not found', async () => {
    expect(await bot.say('jiedao', '月报 安华里')).toBe(
      '没有找到「安华里」。本街道的社区：和平里社区、幸福里社区。',
    );
  });
});
