import { civilToday, isoDate } from '../../domain/text/calendar.js';
import { loadDuesMonths } from '../../dues/month-rows.js';
import type { PointSource } from './types.js';

/** Each month paid by the end of that month (paying ahead counts; 补交 later does not), from the dues ledger. */
export const duesPoints: PointSource = {
  id: 'dues',
  async load({ models, communityId, memberIds, months, timeZone }) {
    const rows = await loadDuesMonths(models, { communityId, memberId: { $in: memberIds } }, months);
    return rows
      .filter((r) => r.payment && isoDate(civilToday(r.payment.paidAt, timeZone)).slice(0, 7) <= r.month)
      .map((r) => ({ memberId: r.memberId, event: 'dues-on-time' as const, quantity: 1 }));
  },
};
