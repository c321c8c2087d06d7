import type { Types } from 'mongoose';
import { HANDLERS } from '../bot/audiences.js';
import { UserError } from '../bot/user-error.js';
import type { Role } from '../domain/member-vocabulary.js';
import type { Models } from '../models/index.js';

/**
 * Who handles a complaint. Residents should not have to know (FixMyStreet's lesson, domain.md §5.1):
 * building → grid → grid leader; a place no grid covers → the community's duty people, else its staff,
 * else a secretary.
 */

export interface Assignment {
  gridId: Types.ObjectId | null;
  handlerUserId: string;
  handlerName: string;
  /** 「第三网格网格长刘强」, 「社区值班人员孙丽」: how the reporter is told. */
  label: string;
}

interface CommunityLike {
  _id: Types.ObjectId;
  dutyUserIds?: string[] | null;
}

export async function gridBuildings(models: Models, communityId: Types.ObjectId): Promise<string[]> {
  const grids = await models.Grid.find({ communityId }, { buildings: 1 }).lean();
  return grids.flatMap((g) => g.buildings);
}

async function nameOf(models: Models, communityId: Types.ObjectId, userId: string): Promise<string> {
  const member = await models.Member.findOne({ communityId, wecomUserId: userId }, { name: 1 }).lean();
  return member?.name ?? userId;
}

async function firstWithRole(models: Models, communityId: Types.ObjectId, role: Role) {
  const [member] = await models.Member.find(
    { communityId, roles: role, status: { $nin: ['transferred_out', 'deceased'] } },
    { wecomUserId: 1, name: 1 },
  )
    .sort({ createdAt: 1 })
    .limit(1)
    .lean();
  return member ?? null;
}

/** A grid's leader as the handler. */
async function gridLeader(
  models: Models,
  communityId: Types.ObjectId,
  grid: { _id: Types.ObjectId; name: string; leaderUserId: string },
): Promise<Assignment> {
  const name = await nameOf(models, communityId, grid.leaderUserId);
  return {
    gridId: grid._id,
    handlerUserId: grid.leaderUserId,
    handlerName: name,
    label: `${grid.name}网格长${name}`,
  };
}

export async function assignFor(
  models: Models,
  community: CommunityLike,
  building: string | null,
): Promise<Assignment> {
  const communityId = community._id;
  const grid = building ? await models.Grid.findOne({ communityId, buildings: building }).lean() : null;
  if (grid?.leaderUserId)
    return gridLeader(models, communityId, { ...grid, leaderUserId: grid.leaderUserId });
  // A grid without a leader still owns the building: the complaint counts for it while others handle it.
  return { ...(await communityHandler(models, community)), gridId: grid?._id ?? null };
}

/** The community's duty people, else its staff, else a secretary. */
async function communityHandler(
  models: Models,
  community: CommunityLike,
): Promise<Omit<Assignment, 'gridId'>> {
  const communityId = community._id;
  const duty = community.dutyUserIds?.[0];
  if (duty) {
    const name = await nameOf(models, communityId, duty);
    return { handlerUserId: duty, handlerName: name, label: `社区值班人员${name}` };
  }
  for (const [role, word] of [
    ['staff', '社区工作人员'],
    ['secretary', '书记'],
  ] as const) {
    const member = await firstWithRole(models, communityId, role);
    if (member)
      return { handlerUserId: member.wecomUserId, handlerName: member.name, label: `${word}${member.name}` };
  }
  throw new UserError('社区还没有安排处理诉求的人员，请直接联系社区居委会，谢谢。');
}

/** A 转派's new handler; the grid only when one was named — a person takes over the complaint where it is. */
export type Reassignment = Omit<Assignment, 'gridId'> & { gridId?: Types.ObjectId };

/**
 * The new handler for 转派: a grid (「G02」, 「第二网格」 — its leader, and the complaint moves to that grid) or
 * a person by name who handles complaints (a grid leader, staff or secretary; the complaint stays in its
 * building's grid). Anything else is refused with what was not found.
 */
export async function reassignTarget(
  models: Models,
  communityId: Types.ObjectId,
  target: string,
): Promise<Reassignment> {
  const wanted = target.trim();
  const grids = await models.Grid.find({ communityId }).lean();
  const grid = grids.find((g) => g.code.toLowerCase() === wanted.toLowerCase() || g.name === wanted);
  if (grid) {
    if (!grid.leaderUserId) throw new UserError(`${grid.name}还没有网格长，请转派给具体的人。`);
    const leader = await gridLeader(models, communityId, { ...grid, leaderUserId: grid.leaderUserId });
    return { ...leader, gridId: leader.gridId ?? undefined };
  }
  const people = await models.Member.find(
    { communityId, name: wanted },
    { wecomUserId: 1, name: 1, roles: 1 },
  )
    .limit(3)
    .lean();
  if (people.length === 0)
    throw new UserError(`没有找到网格或人员「${wanted}」。请写网格编号（如 G02）或姓名。`);
  if (people.length > 1) throw new UserError(`「${wanted}」有重名，请改写网格编号。`);
  const person = people[0]!;
  if (!person.roles.some((r) => HANDLERS.includes(r as Role))) {
    throw new UserError(`${person.name}不是网格长或社区工作人员，不能承办诉求。`);
  }
  return {
    handlerUserId: person.wecomUserId,
    handlerName: person.name,
    label: person.name,
  };
}

/** Who hears that a complaint ran out of time, and how the handler is told of it. */
export interface Escalation {
  to: string[];
  /** 「已报告书记，」, or '' when nobody could be told. */
  told: string;
}

/**
 * Who hears that a complaint ran out of time: the secretaries of the handler's branch, else the
 * community's secretaries, else its deputy secretaries and administrators — never the handler. The
 * handler is told separately, and only told that someone was informed when someone was.
 */
export async function escalationFor(
  models: Models,
  communityId: Types.ObjectId,
  handlerUserId: string,
): Promise<Escalation> {
  const handler = await models.Member.findOne(
    { communityId, wecomUserId: handlerUserId },
    { branchId: 1 },
  ).lean();
  const active = { communityId, status: { $nin: ['transferred_out' as const, 'deceased' as const] } };
  const find = async (filter: Record<string, unknown>) =>
    (await models.Member.find({ ...active, ...filter }, { wecomUserId: 1 }).lean())
      .map((p) => p.wecomUserId)
      .filter((id) => id !== handlerUserId);
  const tiers: Array<[Record<string, unknown> | null, string]> = [
    [handler?.branchId ? { roles: 'secretary', branchId: handler.branchId } : null, '已报告书记，'],
    [{ roles: 'secretary' }, '已报告书记，'],
    [{ roles: { $in: ['deputy_secretary', 'admin'] } }, '已报告社区负责人，'],
  ];
  for (const [filter, told] of tiers) {
    const to = filter ? await find(filter) : [];
    if (to.length > 0) return { to, told };
  }
  return { to: [], told: '' };
}
