/**
 * 「绑定 王桂兰 wangguilan」: an officer binds a roster row to a WeCom account by hand — for members who cannot
 * bind themselves (no phone on the roster, namesakes, too many wrong tries). 「绑定 李秀英 退休支部 lixiuying」
 * or 「绑定 李秀英 0011 lixiuying」 picks one of several namesakes by branch or phone.
 */
import type { Types } from 'mongoose';
import { expects } from '../../bot/answers.js';
import { OFFICERS } from '../../bot/audiences.js';
import { bindMember } from '../../bot/binding.js';
import { ask, defineCommand, invalid, ok } from '../../bot/command.js';
import { officerScope } from '../../bot/scope.js';
import { UserError } from '../../bot/user-error.js';
import { phoneEndsWith } from '../../domain/binding.js';
import { isBoundUserId } from '../../domain/member-vocabulary.js';
import { enqueueOutbound } from '../../queues/queues.js';
import { isWecomUserId } from '../../roster/parse-row.js';

const CHINESE_NAME = /^[\u4e00-\u9fa5·]{2,10}$/;
const USAGE =
  '请这样发：「绑定 王桂兰 wangguilan」（姓名 + 企业微信账号）；同名时加支部或手机后四位：「绑定 李秀英 退休支部 lixiuying」。';

interface BindArgs {
  name: string;
  /** A branch name (or part of it) or phone digits, to pick one of several namesakes. */
  hint: string | null;
  userId: string;
}

export const bindMemberCommand = defineCommand<BindArgs>({
  id: 'member.bind',
  triggers: ['绑定'],
  audience: OFFICERS,
  summary: '把名册上的党员和企业微信账号绑定（书记、委员）',
  examples: ['绑定 王桂兰 wangguilan', '绑定 李秀英 退休支部 lixiuying'],
  parse(rest) {
    const words = rest.trim().split(/\s+/).filter(Boolean);
    if (words.length === 0)
      return ask('name', `请问要绑定哪位党员？${USAGE}`, expects('text', '王桂兰 wangguilan'));
    const [name, ...others] = words;
    const userId = others.pop();
    if (!name || !CHINESE_NAME.test(name) || !userId || others.length > 1) return invalid(USAGE);
    if (!isWecomUserId(userId))
      return invalid(`「${userId}」不像企业微信账号（字母、数字和 _ - @ .）。${USAGE}`);
    return ok({ name, hint: others[0] ?? null, userId });
  },
  async handle(ctx, { name, hint, userId }) {
    const scope = officerScope(ctx.sender);
    const { Member, Branch } = ctx.services.models;
    const named = await Member.find({
      ...scope.filter,
      name,
      status: { $nin: ['deceased', 'transferred_out'] },
    }).lean();
    const branches = new Map(
      (await Branch.find({ communityId: scope.filter.communityId }, { name: 1 }).lean()).map((b) => [
        String(b._id),
        b.name,
      ]),
    );
    const branchOf = (m: { branchId?: unknown }) => branches.get(String(m.branchId)) ?? '未填支部';
    const picked = hint
      ? named.filter(
          (m) => branchOf(m).includes(hint) || (/^\d{4,}$/.test(hint) && phoneEndsWith(m.phone, hint)),
        )
      : named;
    if (picked.length === 0)
      throw new UserError(`没有找到「${name}${hint ? ` ${hint}` : ''}」（${scope.label}）。`);
    const [member] = picked;
    if (!member || picked.length > 1) {
      throw new UserError(
        `有${picked.length}位「${name}」（${picked.map(branchOf).join('、')}），请加上支部或手机后四位，例如「绑定 ${name} ${branchOf(picked[0]!)} ${userId}」。`,
      );
    }
    if (member.wecomUserId === userId) return ctx.reply(`${name}已经绑定了 ${userId}，不用再绑。`);
    if (isBoundUserId(member.wecomUserId)) {
      throw new UserError(
        `${name}已绑定企业微信账号 ${member.wecomUserId}。更换账号请在名册的「企业微信账号」列改好后重新导入。`,
      );
    }
    const taken = await Member.findOne(
      { communityId: member.communityId, wecomUserId: userId },
      { name: 1 },
    ).lean();
    if (taken) throw new UserError(`企业微信账号 ${userId} 已经绑定给了${taken.name}，请核对账号。`);
    const memberRef = member as typeof member & { _id: Types.ObjectId; communityId: Types.ObjectId };
    if (!(await bindMember(ctx.services, memberRef, userId))) {
      throw new UserError(`${name}刚刚已被绑定，请发「查成员 ${name}」看看。`);
    }
    await enqueueOutbound(ctx.services.outbound, `bound-${ctx.message.dedupeKey}`, {
      touser: [userId],
      content: {
        type: 'text',
        content: `${name}您好，支部已把您的企业微信和党员名册绑定好了（${branchOf(member)}）。发「帮助」看看我能为您办什么。`,
      },
      purpose: 'binding',
    });
    await ctx.reply(`已绑定：${name}（${branchOf(member)}）↔ 企业微信账号 ${userId}。已通知本人。`);
  },
});
