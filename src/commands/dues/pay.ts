import { expects } from '../../bot/answers.js';
import { OFFICERS } from '../../bot/audiences.js';
import { ask, defineCommand, invalid, ok } from '../../bot/command.js';
import type { BotContext } from '../../bot/context.js';
import { REPLY } from '../../bot/replies.js';
import { officerScope } from '../../bot/scope.js';
import { UserError } from '../../bot/user-error.js';
import { formatYuan } from '../../domain/dues/calculator.js';
import {
  familiarSurname,
  NAME_MARKER,
  type PaymentRequest,
  parsePaymentCommand,
} from '../../domain/dues/payment-command.js';
import { currentYearMonth, monthLabel } from '../../domain/text/index.js';
import { loadLedger } from '../../dues/ledger.js';
import { describePlan, type PaymentPlan, planPayment } from '../../dues/plan-payment.js';
import { peekReceiptNo } from '../../dues/receipts.js';
import { recordPayment } from '../../dues/record-payment.js';
import { enqueueOutbound } from '../../queues/queues.js';
import { confirmReversal, type PendingReversal, REVERSAL_KIND } from './reverse.js';

const KIND = 'dues.pay';

/**
 * The member a payment names: the name as written, else for 老张 / 李大爷 the one member of that surname in the
 * officer's scope. With several, the officer is asked which (the answer comes back as 「… 姓名：张建华」), and null
 * is returned.
 */
async function memberByName(ctx: BotContext, name: string, text: string) {
  const scope = officerScope(ctx.sender);
  const { Member } = ctx.services.models;
  const found = await Member.find({ ...scope.filter, name }).limit(3);
  if (found.length > 1) throw new UserError(`「${name}」有重名，请联系管理员处理。`);
  if (found[0]) return found[0];
  const surname = familiarSurname(name);
  if (!surname) throw new UserError(`没有找到党员「${name}」（${scope.label}）。`);
  const namesake = await Member.find({ ...scope.filter, name: { $regex: `^${surname}` } })
    .sort({ name: 1 })
    .limit(8);
  if (namesake.length === 0) throw new UserError(`${scope.label}没有姓${surname}的党员，请写全名。`);
  if (namesake.length === 1) return namesake[0]!;
  const question = `「${name}」是哪一位？${scope.label}姓${surname}的有：${namesake.map((m) => m.name).join('、')}。请回复姓名。`;
  await ctx.services.dialogues.set(ctx.message.fromUser, {
    commandId: KIND,
    text: `${text} ${NAME_MARKER}`,
    missing: 'name',
    question,
    expects: expects('name', namesake[0]!.name),
  });
  await ctx.reply(`${question}\n${REPLY.cancelHint}`);
  return null;
}

/** 缴费: shows exactly what will be recorded and waits for 确认. Nothing is written here. */
export const payDues = defineCommand<PaymentRequest & { text: string }>({
  id: 'dues.pay',
  triggers: ['缴费', '收党费', '登记党费'],
  audience: OFFICERS,
  writes: true,
  summary: '登记党员交党费（书记、委员），确认后记账并通知本人',
  examples: ['缴费 王桂兰 21元 微信', '缴费 刘强 3个月 代缴 刘小红(女儿)'],
  parse(rest, { now, timeZone }) {
    const parsed = parsePaymentCommand(rest, now, timeZone);
    if (parsed.ok) return ok({ ...parsed.value, text: rest });
    if (parsed.missing === 'name')
      return ask('name', '请问是哪位党员交的？例如「缴费 王桂兰 21元」。', expects('name', '王桂兰 21元'));
    if (parsed.missing === 'amount')
      return ask('amount', '请问交了多少，或交几个月？例如「21元」或「3个月」。', expects('amount', '21元'));
    return invalid(
      parsed.error ?? '没看懂，请按「缴费 姓名 金额或月数 [代缴 姓名(关系)] [微信/现金/转账]」发送。',
    );
  },
  async handle(ctx, request) {
    if (ctx.sender.kind !== 'member') throw new UserError('您还没有登记。');
    const member = await memberByName(ctx, request.memberName, request.text);
    if (!member) return;
    const current = currentYearMonth(ctx.now, ctx.timeZone);
    const ledger = await loadLedger(ctx.services.models, member._id);
    const plan = await planPayment(ctx.services.models, member, ledger, request, current);
    await ctx.services.confirmations.set(ctx.message.fromUser, KIND, plan);
    const receipt = await peekReceiptNo(
      ctx.services.models,
      ctx.sender.community,
      Number(current.slice(0, 4)),
    );
    await ctx.reply(
      `将记录：${describePlan(plan)}\n收据号：${receipt}（以确认时为准）\n回复「确认」记录，回复「取消」放弃。`,
    );
  },
});

/** 确认: writes the payment shown, issues the receipt number and tells the member. Safe to retry. */
export const confirmDues = defineCommand({
  id: 'dues.confirm',
  triggers: ['确认', '确定'],
  audience: OFFICERS,
  writes: true,
  summary: '确认刚才显示的缴费记录或冲正',
  examples: ['确认'],
  parse: () => ok({}),
  async handle(ctx) {
    if (ctx.sender.kind !== 'member') throw new UserError('您还没有登记。');
    const { models } = ctx.services;
    const sourceKey = ctx.message.dedupeKey;
    const reversal = await ctx.services.confirmations.get<PendingReversal>(
      ctx.message.fromUser,
      REVERSAL_KIND,
    );
    if (reversal) return confirmReversal(ctx, reversal);
    const plan = await ctx.services.confirmations.get<PaymentPlan>(ctx.message.fromUser, KIND);
    // A retried 确认 finds the payment it already wrote; the plan stays until the end so it can finish the job.
    const done = await models.DuesPayment.findOne({ sourceKey });
    if (done && !plan) return ctx.reply(`已记录，收据号 ${done.receiptNo}。`);
    if (!plan)
      throw new UserError('没有等待确认的缴费或冲正（10分钟内有效）。请重新发「缴费 …」或「冲正 …」。');
    const receiptNo = done?.receiptNo ?? (await writePayment(ctx, plan, sourceKey));
    const months = plan.covered.map((c) => monthLabel(c.month)).join('、') || '自愿交纳的';
    const by = plan.payer ? `已由${plan.payer.relation}${plan.payer.name}代缴` : '已交';
    await enqueueOutbound(ctx.services.outbound, `dues-paid-${receiptNo}`, {
      touser: [plan.userId],
      content: {
        type: 'text',
        content: `${plan.memberName}同志：您${months}党费${formatYuan(plan.amountFen)}${by}，收据号 ${receiptNo}。谢谢！`,
      },
      purpose: 'dues-paid',
    });
    await ctx.reply(`已记录：${describePlan(plan)}\n收据号 ${receiptNo}，已通知本人。`);
    await ctx.services.confirmations.clear(ctx.message.fromUser);
  },
});

/** Writes the payment the plan shows, collected by the officer who confirms it; its receipt number. */
function writePayment(ctx: BotContext, plan: PaymentPlan, sourceKey: string): Promise<string> {
  if (ctx.sender.kind !== 'member') throw new UserError('您还没有登记。');
  return recordPayment(ctx.services.models, ctx.sender.community, {
    plan,
    collectorMemberId: ctx.sender.member._id,
    sourceKey,
    paidAt: ctx.now,
    year: Number(currentYearMonth(ctx.now, ctx.timeZone).slice(0, 4)),
  });
}
