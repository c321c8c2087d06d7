import { expects } from '../../bot/answers.js';
import { ask, defineCommand, ok } from '../../bot/command.js';
import { formatYuan, monthlyDuesFen } from '../../domain/dues/calculator.js';
import { parseIncomeQuestion } from '../../domain/dues/payment-command.js';

export const duesStandard = defineCommand<{ baseFen: number; retired: boolean }>({
  id: 'dues.standard',
  triggers: ['党费标准'],
  audience: 'registered',
  summary: '按收入算每月该交多少党费',
  examples: ['党费标准 4200 退休', '我退休金四千二 一个月该交多少'],
  parse(rest) {
    const income = parseIncomeQuestion(rest);
    if (!income)
      return ask(
        'income',
        '请告诉我每月收入：在职填税后工资，退休填退休金，例如「4200 退休」。',
        expects('amount', '4200 退休'),
      );
    return ok(income);
  },
  async handle(ctx, { baseFen, retired }) {
    const { fen, rule } = monthlyDuesFen({ category: retired ? 'retired' : 'employed', baseFen });
    await ctx.reply(
      `按规定每月应交 ${formatYuan(fen)}（${rule}）。\n` +
        '计算基数不含个税、五险一金等（见2017年组织部通知）；每年年初核定，一年内一般不变，实际以支部核定为准。',
    );
  },
});
