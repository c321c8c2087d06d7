import type { Types } from 'mongoose';
import type { DuesCategory, Role } from '../../src/domain/member-vocabulary.js';
import type { Models } from '../../src/models/index.js';

/** A small community written straight to the database: two branches, one grid, people in every role. */
/** The WeCom userids of the people seedCommunity registers, for the stand-in's directory. */
export const SEEDED_USERS = [
  'lijianguo',
  'wangguilan',
  'wanghai',
  'zhaoxiuying',
  'chenshufen',
  'liuqiang',
  'sunli',
  'zhouming',
];

export async function seedCommunity(models: Models) {
  const community = await models.Community.create({
    code: 'xingfuli',
    name: '幸福里社区',
    contactText: '请联系社区党委王书记（电话 010-12345678）登记',
  });
  const communityId = community._id;
  const [first, retired] = await models.Branch.create([
    { communityId, name: '居民第一支部', kind: 'resident' },
    { communityId, name: '退休支部', kind: 'retired' },
  ]);
  const group = await models.PartyGroup.create({ communityId, branchId: retired!._id, name: '第二党小组' });
  const grid = await models.Grid.create({
    communityId,
    code: 'G03',
    name: '幸福三网格',
    leaderUserId: 'liuqiang',
    buildings: ['5号楼', '6号楼'],
  });
  const member = (
    wecomUserId: string,
    name: string,
    roles: Role[],
    branchId: Types.ObjectId,
    extra: Record<string, unknown> & { duesCategory?: DuesCategory } = {},
  ) => ({
    communityId,
    wecomUserId,
    name,
    roles,
    branchId,
    duesCategory: 'retired' as DuesCategory,
    ...extra,
  });
  await models.Member.create([
    member('lijianguo', '李建国', ['member', 'secretary'], first!._id, { duesCategory: 'employed' }),
    member('wangguilan', '王桂兰', ['member'], retired!._id, {
      partyGroupId: group._id,
      gridId: grid._id,
      phone: '13800001234',
      address: { building: '5号楼', unit: '2单元', room: '301' },
      joinedOn: '1975-07-01',
      proxyPayer: { name: '王小红', relation: '女儿' },
    }),
    member('wanghai', '王海', ['member'], retired!._id),
    member('zhaoxiuying', '赵秀英', ['member', 'secretary'], retired!._id),
    member('chenshufen', '陈淑芬', ['member', 'organiser'], retired!._id),
    member('liuqiang', '刘强', ['member', 'grid_leader'], first!._id, {
      duesCategory: 'employed',
      gridId: grid._id,
    }),
    member('sunli', '孙丽', ['staff'], first!._id, { duesCategory: 'other' }),
    member('zhouming', '周明', ['member', 'admin'], first!._id, { duesCategory: 'employed' }),
  ]);
  return { community, branches: { first: first!, retired: retired! }, grid, group };
}
