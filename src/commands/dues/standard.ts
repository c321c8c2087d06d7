import { expects } from '../../bot/answers.js';
import { defineCommand, ok } from '../../bot/command.js';
import type { BotContext } from '../../bot/context.js';
import { REPLY } from '../../bot/replies.js';
import { formatYuan, monthlyDuesFen } from '../../domain/dues/calculator.js';
import { type IncomeQuestion, parseIncomeQuestion } from '../../domain/dues/payment-command.js';
import type { DuesCategory } from '../../domain/member-vocabulary.js';
import { currentYearMonth } from '../../domain/text/index.js';

const ID = 'dues.standard';
/** Categories that pay a flat 0.20元 (farmers: the branch may set up to 1元), whatever they earn. */
const FLAT: readonly DuesCategory[] = ['student', 'unemployed', 'low_income', 'farmer'];
const BASE_NOTE =
  '计算基数不含个税、五险一金等（见2017年组织部通知）；每年年初核定，一年内一般不变，实际以支部核定为准。';

const INCOME_QUESTION = '请告诉我每月收入：在职填税后工资，退休填退休金，例如「4200 退休」。';

/** The member's own amount for this year, when the branch has assessed one (or the roster sets it). */
async function assessedFen(ctx: BotContext): Promise<{ fen: number; rule: string } | null> {
  if (ctx.sender.kind !== 'member') return null;
  const { member } = ctx.sender;
  const year = Number(currentYearMonth(ctx.now, ctx.timeZone).slice(0, 4));
  const stored = await ctx.services.models.DuesAssessment.findOne({ memberId: member._id, year }).lean();
  if (stored) return { fen: stored.fen, rule: stored.rule };
  return member.monthlyDuesFenOverride ? { fen: member.monthlyDuesFenOverride, rule: '支部核定' } : null;
}

async function askIncome(ctx: BotContext, text: string) {
  await ctx.services.dialogues.set(ctx.message.fromUser, {
    commandId: ID,
    text,
    missing: 'income',
    question: INCOME_QUESTION,
    expects: expects('amount', '4200 退休'),
  });
  await ctx.reply(`${INCOME_QUESTION}\n${REPLY.cancelHint}`);
}

/**
 * 党费标准, or a question about the standard in the member's words. A flat category (学生, 低保, 失业, 农民), said or
 * on the member's record, is answered at once: their income does not matter. Otherwise the income decides.
 */
export const duesStandard = defineCommand<IncomeQuestion & { text: string }>({
  id: ID,
  triggers: ['党费标准'],
  audience: 'registered',
  summary: '按收入算每月该交多少党费',
  examples: ['党费标准 4200 退休', '我退休金四千二 一个月该交多少'],
  parse: (rest) => ok({ ...parseIncomeQuestion(rest), text: rest }),
  async handle(ctx, { incomeFen, category, text }) {
    const onRecord = ctx.sender.kind === 'member' ? ctx.sender.member.duesCategory : null;
    const flat = [category, incomeFen === null ? onRecord : null].find((c) => c && FLAT.includes(c));
    if (flat) {
      const { fen, rule } = monthlyDuesFen({ category: flat });
      const whose = flat === category ? '' : '按您登记的情况，';
      return ctx.reply(`${whose}每月交 ${formatYuan(fen)}（${rule}），和收入多少无关。`);
    }
    if (incomeFen === null) {
      // 「党费标准」 alone asks to calculate; 「我一个月该交多少」 asks about one's own amount.
      const assessed = text.trim() === '' ? null : await assessedFen(ctx);
      if (assessed === null) return askIncome(ctx, text);
      return ctx.reply(
        `支部给您核定的党费是每月 ${formatYuan(assessed.fen)}（${assessed.rule}）。\n收入有变化请告诉支部书记；想按收入算一算，发「党费标准 收入」，例如「党费标准 4200 退休」。`,
      );
    }
    const scale = category === 'retired' ? 'retired' : 'employed';
    const { fen, rule } = monthlyDuesFen({ category: scale, baseFen: incomeFen });
    await ctx.reply(`按规定每月应交 ${formatYuan(fen)}（${rule}）。\n${BASE_NOTE}`);
  },
});
