import { expects } from '../../bot/answers.js';
import { OFFICERS } from '../../bot/audiences.js';
import { ask, defineCommand, ok } from '../../bot/command.js';
import type { BotContext } from '../../bot/context.js';
import { officerScope } from '../../bot/scope.js';
import { UserError } from '../../bot/user-error.js';
import { isDuplicateKeyError } from '../../db/duplicate-key.js';
import { formatYuan } from '../../domain/dues/calculator.js';
import { monthSpans } from '../../domain/text/index.js';
import { enqueueOutbound } from '../../queues/queues.js';

const RECEIPT = /[A-Za-z0-9]+-\d{4}-\d{5}/;

/** 冲正: cancels a mistaken payment by a new ledger entry; the payment itself is never edited. */
export const reverseDues = defineCommand<{ receiptNo: string; reason: string }>({
  id: 'dues.reverse',
  triggers: ['冲正'],
  audience: OFFICERS,
  writes: true,
  summary: '作废一笔记错的缴费（按收据号，须写原因）',
  examples: ['冲正 XINGFULI-2026-00012 金额记错'],
  parse(rest) {
    const receipt = RECEIPT.exec(rest)?.[0];
    if (!receipt)
      return ask(
        'receipt',
        '请发要冲正的收据号和原因，例如「XINGFULI-2026-00012 金额记错」。',
        expects('number', 'XINGFULI-2026-00012 金额记错'),
      );
    const reason = rest.replace(receipt, '').trim();
    if (!reason) return ask('reason', '请说明冲正原因，例如「金额记错」。', expects('text', '金额记错'));
    return ok({ receiptNo: receipt.toUpperCase(), reason });
  },
  /** Shows what will be reversed and waits for 「确认」, as 缴费 does: nothing is written here. */
  async handle(ctx, { receiptNo, reason }) {
    if (ctx.sender.kind !== 'member') throw new UserError('您还没有登记。');
    const scope = officerScope(ctx.sender);
    const { DuesPayment, DuesReversal, Member } = ctx.services.models;
    const payment = await DuesPayment.findOne({ ...scope.filter, receiptNo });
    if (!payment) throw new UserError(`没有找到收据号 ${receiptNo}（${scope.label}）。`);
    if (await DuesReversal.exists({ communityId: payment.communityId, receiptNo }))
      throw new UserError(`收据 ${receiptNo} 已经冲正过了。`);
    const member = await Member.findById(payment.memberId);
    await ctx.services.confirmations.set(ctx.message.fromUser, REVERSAL_KIND, { receiptNo, reason });
    const months = monthSpans(payment.covered.map((c) => c.month));
    await ctx.reply(
      `将冲正：收据 ${receiptNo}，${member?.name ?? ''}${months ? `${months}党费` : ''}${formatYuan(payment.amountFen)}。\n原因：${reason}\n冲正后${months ? `${months}重新记为未交，` : ''}并通知本人。\n回复「确认」冲正，回复「取消」放弃。`,
    );
  },
});

/** What waits for 「确认」 after 冲正. */
export const REVERSAL_KIND = 'dues.reverse';
export interface PendingReversal {
  receiptNo: string;
  reason: string;
}

/** 确认 after 冲正: writes the reversal entry (once: a retry finds it) and tells the member. */
export async function confirmReversal(
  ctx: BotContext,
  { receiptNo, reason }: PendingReversal,
): Promise<void> {
  if (ctx.sender.kind !== 'member') throw new UserError('您还没有登记。');
  const scope = officerScope(ctx.sender);
  const { DuesPayment, DuesReversal, Member } = ctx.services.models;
  const payment = await DuesPayment.findOne({ ...scope.filter, receiptNo });
  if (!payment) throw new UserError(`没有找到收据号 ${receiptNo}（${scope.label}）。`);
  const communityId = payment.communityId;
  const sourceKey = ctx.message.dedupeKey;
  const earlier = await DuesReversal.findOne({ communityId, receiptNo });
  // Only another 冲正 is refused; a retry of this 确认 goes on to tell the member and answer.
  if (earlier && earlier.sourceKey !== sourceKey) throw new UserError(`收据 ${receiptNo} 已经冲正过了。`);
  try {
    if (!earlier) {
      await DuesReversal.create({
        communityId,
        receiptNo,
        memberId: payment.memberId,
        reason,
        byMemberId: ctx.sender.member._id,
        sourceKey,
      });
    }
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
    const winner = await DuesReversal.findOne({ communityId, receiptNo });
    if (winner?.sourceKey !== sourceKey) throw new UserError(`收据 ${receiptNo} 已经冲正过了。`);
  }
  await ctx.services.confirmations.clear(ctx.message.fromUser);
  const months = monthSpans(payment.covered.map((c) => c.month));
  const member = await Member.findById(payment.memberId);
  if (member) {
    await enqueueOutbound(ctx.services.outbound, `dues-reversed-${receiptNo}`, {
      touser: [member.wecomUserId],
      content: {
        type: 'text',
        content: `${member.name}同志：收据 ${receiptNo}（${formatYuan(payment.amountFen)}）已作废，原因：${reason}。${months ? `${months}党费重新记为未交，` : ''}如有疑问请联系支部书记。`,
      },
      purpose: 'dues-reversed',
    });
  }
  await ctx.reply(
    `已冲正收据 ${receiptNo}（${formatYuan(payment.amountFen)}）。${months ? `${months}重新记为未交。` : ''}已通知本人。`,
  );
}
