import { defineCommand, ok } from '../../bot/command.js';
import { UserError } from '../../bot/user-error.js';
import { branchCollector } from '../../dues/collector.js';
import { DEFAULT_DUES_METHODS } from '../../models/branch.js';

/** 交党费找谁 / 怎么交党费: to whom and how, from the branch's record, never typed into code. */
export const duesHow = defineCommand<Record<string, never>>({
  id: 'dues.how',
  triggers: [
    '交党费找谁',
    '怎么交党费',
    '党费交给谁',
    '党费怎么交',
    '党费交给哪',
    '在哪交党费',
    '去哪交党费',
  ],
  audience: 'registered',
  summary: '党费交给谁、怎么交',
  examples: ['交党费找谁', '怎么交党费'],
  parse: () => ok({}),
  async handle(ctx) {
    if (ctx.sender.kind !== 'member') throw new UserError('您还没有登记。');
    const { member } = ctx.sender;
    const branch = await ctx.services.models.Branch.findById(member.branchId);
    if (!branch) throw new UserError('还没有您所在支部的登记，请联系社区党委。');
    const collector = await branchCollector(ctx.services.models, branch);
    const methods = branch.dues?.methods?.length ? branch.dues.methods : DEFAULT_DUES_METHODS;
    const lines = [
      collector ? `${branch.name}的党费交给${collector.name}。` : `${branch.name}的党费请交给支部书记。`,
      `可以用：${methods.join('、')}。`,
    ];
    if (branch.dues?.when) lines.push(branch.dues.when);
    lines.push('交了以后会收到收据号；查自己交到哪个月，发「党费」。');
    await ctx.reply(lines.join('\n'));
  },
});
