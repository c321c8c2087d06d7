import { TZDate } from '@date-fns/tz';
import type { Types } from 'mongoose';
import { addMonths, compareMonths, monthsBetween } from '../domain/dues/allocation.js';
import type { PaymentMethod } from '../domain/dues/payment-command.js';
import { currentYearMonth, type YearMonth } from '../domain/text/index.js';
import { CHARGEABLE_STATUSES } from '../dues/assessment.js';
import { chargeMonth } from '../dues/charges.js';
import { branchCollector } from '../dues/collector.js';
import type { DuesLedger } from '../dues/ledger.js';
import { planPayment } from '../dues/plan-payment.js';
import { insertManyWithReceipts } from '../dues/receipts.js';
import { paymentEntry } from '../dues/record-payment.js';
import type { Models } from '../models/index.js';

/**
 * Months behind this month, member by member in roster order: most are paid up, some a few months behind —
 * what a branch's ledger looks like in any month. Members with a 代缴人 on the roster pay through them.
 */
const BEHIND = [0, 0, 2, 0, 0, 4, 0, 1, 0, 3] as const;
const METHODS: readonly PaymentMethod[] = ['cash', 'wechat', 'wechat', 'transfer'];
/** Demo payments are recognisable by their source. */
const SOURCE = 'demo-dues';

/** Paid at the branch's study day (the 10th, 19:30) of the quarter's last month, or today if that is still ahead. */
function paidAtFor(month: YearMonth, now: Date, timeZone: string): Date {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const at = new Date(new TZDate(y, m - 1, 10, 19, 30, timeZone).getTime());
  return at.getTime() > now.getTime() ? now : at;
}

/** Quarter by quarter, as most branches collect: [[01,02,03],[04,05],…]. */
function byQuarter(months: YearMonth[]): YearMonth[][] {
  const groups = new Map<string, YearMonth[]>();
  for (const m of months) {
    const q = `${m.slice(0, 4)}-${Math.ceil(Number(m.slice(5)) / 3)}`;
    groups.set(q, [...(groups.get(q) ?? []), m]);
  }
  return [...groups.values()];
}

/**
 * The demo community's dues this year, as the real paths would have left them by `now`: the monthly charges from
 * January to this month (the same code as the `dues-charges` job), and payments planned and written as 缴费 →
 * 确认 writes them (collected by the branch's collector, receipts numbered in order). Idempotent: months already
 * paid are not planned again.
 */
export async function seedDemoDues(
  models: Models,
  communityId: Types.ObjectId,
  now: Date,
): Promise<{ charges: number; payments: number }> {
  const community = await models.Community.findById(communityId);
  if (!community) return { charges: 0, payments: 0 };
  const timeZone = community.timeZone;
  const current = currentYearMonth(now, timeZone) as YearMonth;
  const january = `${current.slice(0, 4)}-01` as YearMonth;
  let charges = 0;
  for (const month of monthsBetween(january, current)) charges += (await chargeMonth(models, month)).created;

  // Every member's ledger in one read each (FerretDB scans a collection per query): a fresh demo has no
  // waivers or reversals, only the charges above and the payments planned here.
  const ledgers = new Map<string, DuesLedger>();
  const ledgerOf = (memberId: Types.ObjectId) => {
    const key = String(memberId);
    if (!ledgers.has(key)) ledgers.set(key, { charged: new Map(), covered: new Set(), payments: [] });
    return ledgers.get(key)!;
  };
  for (const charge of await models.DuesCharge.find(
    { communityId },
    { memberId: 1, month: 1, fen: 1 },
  ).lean())
    ledgerOf(charge.memberId).charged.set(charge.month as YearMonth, charge.fen);
  for (const paid of await models.DuesPayment.find({ communityId }, { memberId: 1, covered: 1 }).lean())
    for (const c of paid.covered) ledgerOf(paid.memberId).covered.add(c.month as YearMonth);

  const members = await models.Member.find({
    communityId,
    status: { $in: CHARGEABLE_STATUSES },
  }).sort({ _id: 1 });
  const collectors = new Map<string, Types.ObjectId | undefined>();
  const entries: Array<ReturnType<typeof paymentEntry>> = [];
  for (const [i, member] of members.entries()) {
    const through = addMonths(current, -BEHIND[i % BEHIND.length]!);
    if (compareMonths(through, january) < 0 || !member.branchId) continue;
    const branchKey = String(member.branchId);
    if (!collectors.has(branchKey)) {
      const branch = await models.Branch.findById(member.branchId);
      collectors.set(branchKey, branch ? (await branchCollector(models, branch))?._id : undefined);
    }
    const collector = collectors.get(branchKey);
    const ledger = ledgerOf(member._id);
    if (!collector || ledger.charged.size === 0) continue;
    for (const quarter of byQuarter(monthsBetween(january, through))) {
      const months = quarter.filter((m) => ledger.charged.has(m) && !ledger.covered.has(m));
      if (months.length === 0) continue;
      const plan = await planPayment(
        models,
        member,
        ledger,
        {
          memberName: member.name,
          amount: { kind: 'months-list', months },
          proxy: member.proxyPayer,
          method: METHODS[i % METHODS.length]!,
          voluntary: false,
        },
        current,
      );
      for (const m of months) ledger.covered.add(m);
      entries.push(
        paymentEntry(communityId, member.branchId, {
          plan,
          collectorMemberId: collector,
          sourceKey: `${SOURCE}-${member.wecomUserId}-${months[0]}`,
          paidAt: paidAtFor(months.at(-1)!, now, timeZone),
        }),
      );
    }
  }
  // Receipts numbered in the order the money came in.
  entries.sort((a, b) => a.paidAt.getTime() - b.paidAt.getTime());
  const year = Number(current.slice(0, 4));
  const receipts = await insertManyWithReceipts(models, community, year, entries);
  return { charges, payments: receipts.length };
}
