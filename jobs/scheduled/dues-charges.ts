import { currentYearMonth, type YearMonth } from '../../src/domain/text/index.js';
import { chargeMonth } from '../../src/dues/charges.js';
import type { ScheduledJob } from './types.js';

/** On the 1st: one charge per member for the month. The unique (member, month) index makes re-runs no-ops. */
export const duesCharges: ScheduledJob = {
  name: 'dues-charges',
  summary: '每月1日生成本月应交党费',
  pattern: '10 0 1 * *',
  async run({ deps, at, log }) {
    const month = currentYearMonth(at, deps.config.timeZone) as YearMonth;
    const { created, skipped } = await chargeMonth(deps.models, month);
    log.info({ month, created, skipped }, 'dues charges');
    return `${month} 党费：新生成 ${created} 笔，未生成 ${skipped} 人（免交或未核定金额）`;
  },
};
