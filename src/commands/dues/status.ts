import { defineCommand, ok } from '../../bot/command.js';
import { UserError } from '../../bot/user-error.js';
import { formatYuan } from '../../domain/dues/calculator.js';
import { parseDuesQuestion } from '../../domain/dues/payment-command.js';
import { currentYearMonth, monthSpans, type YearMonth, yearMonthLabel } from '../../domain/text/index.js';
import { type LedgerPayment, loadLedger, owedFen, paidThrough, unpaidMonths } from '../../dues/ledger.js';

const METHOD: Record<string, string> = { cash: '现金', wechat: '微信', transfer: '转账', unknown: '' };

function describePayment(p: LedgerPayment): string {
  const who = p.payer ? `，由${p.payer.relation}${p.payer.name}代缴` : '';
  const how = METHOD[p.method] ? `，${METHOD[p.method]}` : '';
  return `${formatYuan(p.amountFen)}（${p.covered.map((c) => yearMonthLabel(c.month)).join('、')}${how}${who}），收据号 ${p.receiptNo}`;
}

export const duesStatus = defineCommand<{ months: YearMonth[] | null }>({
  id: 'dues.status',
  triggers: ['党费', '查党费'],
  audience: 'registered',
  summary: '查自己的党费：本月交了没有、欠几个月',
  examples: ['党费', '帮我查下党费 还欠几个月'],
  parse(rest, { now, timeZone }) {
    return ok(parseDuesQuestion(rest, now, timeZone));
  },
  async handle(ctx, { months }) {
    if (ctx.sender.kind !== 'member') throw new UserError('您还没有登记。');
    const { member } = ctx.sender;
    const ledger = await loadLedger(ctx.services.models, member._id);
    if (ledger.charged.size === 0 && ledger.payments.length === 0) {
      throw new UserError('还没有您的党费记录。请联系支部书记核定每月党费。');
    }
    const current = currentYearMonth(ctx.now, ctx.timeZone);
    const lines = [`${member.name}同志，您的党费情况：`];
    const status = (m: YearMonth) => {
      if (ledger.covered.has(m)) {
        const payment = ledger.payments.find((p) => p.covered.some((c) => c.month === m));
        return `已交${payment ? `（收据号 ${payment.receiptNo}）` : ''}`;
      }
      const fen = ledger.charged.get(m);
      return fen ? `未交（${formatYuan(fen)}）` : '没有应交记录';
    };
    for (const m of months ?? [current])
      lines.push(`${m === current ? '本月 ' : ''}${yearMonthLabel(m)}：${status(m)}`);
    const unpaid = unpaidMonths(ledger, current);
    lines.push(
      unpaid.length === 0
        ? '没有欠交的月份。'
        : `欠交${unpaid.length}个月（${monthSpans(unpaid)}），共${formatYuan(owedFen(ledger, current))}。`,
    );
    const through = paidThrough(ledger);
    if (through) lines.push(`已交到：${yearMonthLabel(through)}`);
    const last = ledger.payments[0];
    if (last) lines.push(`最近一次：${describePayment(last)}`);
    await ctx.reply(lines.join('\n'));
  },
});
