import type { Types } from 'mongoose';
import type { Deps } from '../../src/deps.js';
import { currentYearMonth, type YearMonth } from '../../src/domain/text/index.js';
import { MAX_RECIPIENTS_PER_SEND } from '../../src/queues/queues.js';
import { fanoutDelayMs } from '../../src/queues/send-timing.js';
import { type Recipient, remindOnce, resendStranded } from './remind-once.js';
import type { ScheduledJob } from './types.js';

const KIND = 'dues-unpaid';
const QUARTER_END_MONTHS = new Set(['03', '06', '09', '12']);

export function reminderText(month: YearMonth): string {
  const [year, m] = month.split('-');
  return `您好！您${year}年${Number(m)}月的党费还没有交。请在本月内交给支部书记，也可以委托家人代交。\n发「党费」可以查应交金额和欠交月份。已经交了请忽略。`;
}

/** Members charged for `month` who have not paid it (reversed payments do not count), per batch of charges. */
async function* unpaidMembers(deps: Deps, month: YearMonth): AsyncGenerator<Recipient[]> {
  const { models } = deps;
  let batch: Array<{ memberId: Types.ObjectId; communityId: Types.ObjectId }> = [];
  const check = async (): Promise<Recipient[]> => {
    const ids = batch.map((c) => c.memberId);
    const [payments, members] = await Promise.all([
      models.DuesPayment.find(
        { memberId: { $in: ids }, 'covered.month': month },
        { memberId: 1, receiptNo: 1, communityId: 1 },
      ).lean(),
      models.Member.find({ _id: { $in: ids } }, { wecomUserId: 1, duesSchedule: 1 }).lean(),
    ]);
    const reversed = new Set(
      (await models.DuesReversal.find({ receiptNo: { $in: payments.map((p) => p.receiptNo) } }).lean()).map(
        (r) => `${String(r.communityId)}:${r.receiptNo}`,
      ),
    );
    const paid = new Set(
      payments
        .filter((p) => !reversed.has(`${String(p.communityId)}:${p.receiptNo}`))
        .map((p) => String(p.memberId)),
    );
    const byId = new Map(members.map((m) => [String(m._id), m]));
    const quarterEnd = QUARTER_END_MONTHS.has(month.slice(5));
    const result = batch.flatMap((c) => {
      const member = byId.get(String(c.memberId));
      // Approved quarterly payers are reminded in the last month of a quarter only.
      if (!member || paid.has(String(c.memberId)) || (member.duesSchedule === 'quarterly' && !quarterEnd))
        return [];
      return [{ ...c, userId: member.wecomUserId }];
    });
    batch = [];
    return result;
  };
  const charges = models.DuesCharge.find({ month }, { memberId: 1, communityId: 1 })
    .sort({ memberId: 1 })
    .lean()
    .cursor();
  for await (const charge of charges) {
    batch.push({ memberId: charge.memberId, communityId: charge.communityId });
    if (batch.length >= MAX_RECIPIENTS_PER_SEND) yield check();
  }
  if (batch.length > 0) yield check();
}

/**
 * On the 15th: one reminder to every member whose month is unpaid, exactly once (see remindOnce). Identical text
 * lets WeCom take 1000 recipients per call.
 */
export const duesReminders: ScheduledJob = {
  name: 'dues-reminders',
  summary: '每月15日提醒本月党费未交的党员（每人一次）',
  pattern: '0 10 15 * *',
  async run({ deps, at, log }) {
    const month = currentYearMonth(at, deps.config.timeZone) as YearMonth;
    const content = () => ({ type: 'text' as const, content: reminderText(month) });
    const common = { kind: KIND, period: month, content, delay: fanoutDelayMs(at), purpose: 'reminder' };
    let reminded = 0;
    for await (const recipients of unpaidMembers(deps, month)) {
      reminded += await remindOnce(deps, { ...common, jobIdBase: `dues-reminder-${month}`, recipients });
    }
    // A run that died between writing reminders and enqueueing them: same recipients, same job id.
    reminded += await resendStranded(deps, common);
    log.info({ month, reminded }, 'dues reminders');
    return `${month} 党费提醒：本次提醒 ${reminded} 人`;
  },
};
