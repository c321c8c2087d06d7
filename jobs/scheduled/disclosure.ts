import { disclosureText } from '../../src/desk/report.js';
import { periodClosedBy, periodKey } from '../../src/domain/disclosure-period.js';
import { civilToday, isoDate } from '../../src/domain/text/calendar.js';
import { currentYearMonth, formatPeriod } from '../../src/domain/text/index.js';
import { branchesWithOfficers, noticeOnce } from './branch-notices.js';
import type { ScheduledJob } from './types.js';

const KIND = 'disclosure';

/**
 * 党务公开: when a period ends (every DISCLOSURE_EVERY_MONTHS months, 2 by default), each branch's secretary
 * and deputies get the branch's notice for it, ready to post. The job runs monthly and acts in the months
 * that open a new period, so changing the cadence needs no new schedule.
 */
export const partyAffairsDisclosure: ScheduledJob = {
  name: 'party-affairs-disclosure',
  summary: '党务公开：每个公开期结束后的5日，把本支部的公开稿发给书记（默认两个月一期）',
  pattern: '0 9 5 * *',
  async run({ deps, at, log }) {
    const { timeZone, desk } = deps.config;
    const month = currentYearMonth(at, timeZone);
    const months = periodClosedBy(month, desk.disclosureEveryMonths);
    if (!months) return `${month} 不是党务公开月（每${desk.disclosureEveryMonths}个月公开一次）`;
    const period = periodKey(months);
    const postedOn = isoDate(civilToday(at, timeZone));
    let sent = 0;
    for (const { branch, scope, officers, officerIds } of await branchesWithOfficers(deps)) {
      if (officers.length === 0) continue;
      const text = await disclosureText(
        {
          models: deps.models,
          scope: { filter: scope, label: '本支部', name: branch.name },
          now: at,
          timeZone,
        },
        months,
        postedOn,
      );
      // Each officer is the subject of their own notice: a deputy appointed later still gets the period's.
      for (const [i, userId] of officers.entries()) {
        const officerId = officerIds[i]!;
        const notice = {
          ...scope,
          officers: [userId],
          kind: KIND,
          period,
          subjects: [officerId],
          at,
          jobId: `${KIND}-${period.replace('~', '-')}-${String(officerId)}`,
        };
        if ((await noticeOnce(deps, notice, () => `请审核后张贴或发到支部群：\n${text}`)) > 0) sent++;
      }
    }
    log.info({ period, sent }, 'party affairs disclosure');
    return `${formatPeriod(months)} 党务公开稿：发给 ${sent} 位书记`;
  },
};
