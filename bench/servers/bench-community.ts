import type { Models } from '../../src/models/index.js';

/** One community with one retired branch whose members are `userIds` (党员0, 党员1 …): who a benchmark's traffic comes from. */
export async function seedBenchCommunity(
  models: Models,
  code: string,
  userIds: readonly string[],
): Promise<void> {
  const community = await models.Community.create({ code, name: '测试社区', contactText: '请联系书记' });
  const branch = await models.Branch.create({
    communityId: community._id,
    name: '第一支部',
    kind: 'retired',
  });
  await models.Member.insertMany(
    userIds.map((wecomUserId, i) => ({
      communityId: community._id,
      branchId: branch._id,
      wecomUserId,
      name: `党员${i}`,
      roles: ['member'],
      duesCategory: 'retired',
    })),
  );
}
