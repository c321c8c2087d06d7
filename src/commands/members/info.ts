import { defineCommand, ok } from '../../bot/command.js';
import { UserError } from '../../bot/user-error.js';
import { cardNames, formatMemberCard } from './card.js';

export const myInfo = defineCommand({
  id: 'member.info',
  triggers: ['我的信息', '我的资料', '个人信息'],
  audience: 'registered',
  summary: '看看系统里登记的我的信息',
  examples: ['我的信息'],
  parse: () => ok({}),
  async handle(ctx) {
    if (ctx.sender.kind !== 'member') throw new UserError('您还没有登记。');
    const { member } = ctx.sender;
    const card = formatMemberCard(member, await cardNames(ctx.services.models, member));
    await ctx.reply(`${card}\n如有不对，请告诉支部书记更正。`);
  },
});
