/**
 * Members imported from a 花名册 have no WeCom userid. The first time such a person writes, the bot asks for
 * their name and the last four digits of the phone on the roster; exactly one unbound row of their community
 * must match. Wrong answers are counted per person and day (a retried message counts once); past the limit
 * the bot stops trying and the secretary is told. Until bound, the person is someone we do not know.
 */
import type { Types } from 'mongoose';
import {
  type BindingAnswer,
  MAX_BINDING_ATTEMPTS,
  parseBindingAnswer,
  phoneEndsWith,
} from '../domain/binding.js';
import { isBoundUserId, type MemberStatus, UNBOUND_PREFIX } from '../domain/member-vocabulary.js';
import type { Member } from '../models/member.js';
import { enqueueOutbound } from '../queues/queues.js';
import type { BotContext, BotServices } from './context.js';

const ATTEMPTS_TTL_SECONDS = 24 * 60 * 60;
const ASKED_TTL_SECONDS = 10 * 60;
const attemptsKey = (userId: string) => `binding:attempts:${userId}`;
const askedKey = (userId: string) => `binding:asked:${userId}`;

/** Rows nobody has bound; people who have died or moved away cannot be bound. */
const UNBOUND = {
  wecomUserId: { $regex: `^${UNBOUND_PREFIX}` },
  status: { $nin: ['deceased', 'transferred_out'] as MemberStatus[] },
};

export const BINDING_REPLY = {
  ask: '您好，系统里还没有您的企业微信账号。如果您是社区党员，请回复您的姓名和名册上手机号的后四位，例如「王桂兰 1234」，我来帮您绑定。\n居民反映小区里的问题，直接说什么事就行，例如「5号楼2单元下水道堵了」。',
  locked: '今天绑定没有成功的次数太多了，已暂停自助绑定，并告诉了支部书记。请联系书记帮您绑定，谢谢。',
  twins: (name: string) =>
    `名册上有不止一位「${name}」，手机后四位也相同，我没法确认是哪一位。已请支部书记核实后帮您绑定，请稍等。`,
  wrong: (left: number) =>
    `没有找到姓名和手机后四位都相符的党员登记。请核对后再发一次，例如「王桂兰 1234」（今天还可以试${left}次）。名册上的手机号可能是以前的，不确定的话请联系支部书记。`,
  bound: (name: string, branch: string) =>
    `绑定成功！${name}您好，已为您对应到名册上的${branch || '党员'}。发「帮助」看看我能为您办什么。`,
};

type MemberRow = Member & { _id: Types.ObjectId };

/** Which communities this person may bind in: their own when we know it, else every community. */
const scopeOf = (ctx: BotContext) => (ctx.sender.community ? { communityId: ctx.sender.community._id } : {});

/**
 * The binding step for people we do not know: true when the text was an answer (「赵德明 0001」) and has been
 * handled. An answer is read when the bot asked for it, or when no other question is waiting.
 */
export async function bindingStep(ctx: BotContext, text: string): Promise<boolean> {
  if (ctx.sender.kind !== 'unknown') return false;
  const answer = parseBindingAnswer(text);
  if (!answer) return false;
  const { redis, dialogues } = ctx.services;
  const asked = (await redis.exists(askedKey(ctx.sender.userId))) > 0;
  if (!asked && (await dialogues.get(ctx.sender.userId))) return false;
  if (!asked && !(await ctx.services.models.Member.exists({ ...scopeOf(ctx), ...UNBOUND }))) return false;
  await attempt(ctx, answer);
  return true;
}

/**
 * Instead of 「请先登记」: when unbound rows exist where this person may belong, ask for name and phone.
 * False when there is nothing to bind to.
 */
export async function offerBinding(ctx: BotContext): Promise<boolean> {
  if (ctx.sender.kind !== 'unknown') return false;
  const { redis, models } = ctx.services;
  if (!(await models.Member.exists({ ...scopeOf(ctx), ...UNBOUND }))) return false;
  if ((await redis.scard(attemptsKey(ctx.sender.userId))) >= MAX_BINDING_ATTEMPTS) {
    await ctx.reply(BINDING_REPLY.locked);
    return true;
  }
  await redis.set(askedKey(ctx.sender.userId), '1', 'EX', ASKED_TTL_SECONDS);
  await ctx.reply(BINDING_REPLY.ask);
  return true;
}

async function attempt(ctx: BotContext, { name, lastFour }: BindingAnswer): Promise<void> {
  const { redis, models } = ctx.services;
  const userId = ctx.sender.userId;
  const key = attemptsKey(userId);
  if ((await redis.scard(key)) >= MAX_BINDING_ATTEMPTS) return ctx.reply(BINDING_REPLY.locked);

  const named = (await models.Member.find({ ...scopeOf(ctx), ...UNBOUND, name }).lean()) as MemberRow[];
  const matching = named.filter((m) => phoneEndsWith(m.phone, lastFour));
  const [only] = matching;
  if (only && matching.length === 1) {
    if (!(await bindMember(ctx.services, only, userId))) return ctx.reply(BINDING_REPLY.wrong(1));
    const branch = await branchName(ctx.services, only.branchId);
    await tellOfficers(
      ctx,
      [only],
      'bound',
      `${only.name}（${branch || '未填支部'}）已用企业微信账号 ${userId} 自行绑定名册（姓名和手机后四位相符）。如有不对，请发「绑定 ${only.name} 正确的账号」改正。`,
    );
    return ctx.reply(BINDING_REPLY.bound(only.name, branch));
  }
  if (matching.length > 1) {
    const branches = await Promise.all(matching.map((m) => branchName(ctx.services, m.branchId)));
    await tellOfficers(
      ctx,
      matching,
      'twins',
      `企业微信用户 ${userId} 自称「${name}」（手机后四位 ${lastFour}），名册上有${matching.length}位同名且后四位相同（${branches.join('、')}），无法自动绑定。请核实后发送「绑定 ${name} 支部名称 ${userId}」。`,
    );
    return ctx.reply(BINDING_REPLY.twins(name));
  }
  // A retried message adds the same member to the set: it counts once.
  await redis.sadd(key, ctx.message.dedupeKey);
  await redis.expire(key, ATTEMPTS_TTL_SECONDS);
  const used = await redis.scard(key);
  if (used < MAX_BINDING_ATTEMPTS) return ctx.reply(BINDING_REPLY.wrong(MAX_BINDING_ATTEMPTS - used));
  await redis.del(askedKey(userId));
  await tellOfficers(
    ctx,
    named,
    'locked',
    `企业微信用户 ${userId} 今天${MAX_BINDING_ATTEMPTS}次自助绑定名册都没有成功（最后一次填的是「${name} ${lastFour}」），已暂停自助绑定。如确是本社区党员，请核实后发送「绑定 姓名 ${userId}」。`,
  );
  return ctx.reply(BINDING_REPLY.locked);
}

/**
 * Binds a roster row to a WeCom userid, only while the row is still as read (a concurrent binding loses), and
 * moves whatever pointed at the row's unbound mark (a grid it leads, the community's duty list) to the userid.
 */
export async function bindMember(
  services: BotServices,
  member: { _id: Types.ObjectId; wecomUserId: string; communityId: Types.ObjectId },
  userId: string,
): Promise<boolean> {
  const { Member, Grid, Community } = services.models;
  const before = member.wecomUserId;
  const { modifiedCount } = await Member.updateOne(
    { _id: member._id, wecomUserId: before },
    { $set: { wecomUserId: userId } },
  );
  if (modifiedCount !== 1) return false;
  await Grid.updateMany(
    { communityId: member.communityId, leaderUserId: before },
    { $set: { leaderUserId: userId } },
  );
  const community = await Community.findById(member.communityId, { dutyUserIds: 1 }).lean();
  if (community?.dutyUserIds.includes(before)) {
    await Community.updateOne(
      { _id: member.communityId },
      { $set: { dutyUserIds: community.dutyUserIds.map((u) => (u === before ? userId : u)) } },
    );
  }
  await services.redis.del(attemptsKey(userId), askedKey(userId));
  services.senders.forget(userId);
  if (isBoundUserId(before)) services.senders.forget(before);
  return true;
}

async function branchName(services: BotServices, branchId: unknown): Promise<string> {
  if (!branchId) return '';
  const branch = await services.models.Branch.findById(branchId, { name: 1 }).lean();
  return branch?.name ?? '';
}

/**
 * The secretaries and deputies of the branches these rows belong to; the community's staff and admins when
 * there are none (or no rows: a name nobody has).
 */
async function tellOfficers(ctx: BotContext, rows: readonly MemberRow[], why: string, text: string) {
  const { Member } = ctx.services.models;
  const branchIds = [...new Set(rows.flatMap((r) => (r.branchId ? [String(r.branchId)] : [])))];
  const communityIds = rows.length > 0 ? [...new Set(rows.map((r) => r.communityId))] : undefined;
  const bound = { wecomUserId: { $not: { $regex: `^${UNBOUND_PREFIX}` } } };
  let officers =
    branchIds.length > 0
      ? await Member.find(
          { ...bound, branchId: { $in: branchIds }, roles: { $in: ['secretary', 'deputy_secretary'] } },
          { wecomUserId: 1 },
        ).lean()
      : [];
  if (officers.length === 0) {
    const where = communityIds ? { communityId: { $in: communityIds } } : scopeOf(ctx);
    officers = await Member.find(
      { ...bound, ...where, roles: { $in: ['staff', 'admin'] } },
      { wecomUserId: 1 },
    ).lean();
  }
  // A secretary who has just bound themselves needs no notice of it.
  const touser = [...new Set(officers.map((o) => o.wecomUserId))].filter((u) => u !== ctx.message.fromUser);
  if (touser.length === 0) return;
  await enqueueOutbound(ctx.services.outbound, `binding-${ctx.message.dedupeKey}-${why}`, {
    touser,
    content: { type: 'text', content: text },
    purpose: 'binding',
  });
}
