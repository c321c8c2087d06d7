import { materialiseAll } from '../../src/study/materialise.js';
import type { ScheduledJob } from './types.js';

/** Every night: each branch's sessions for the next 60 days (and all of next month), written once. */
export const studySessions: ScheduledJob = {
  name: 'study-sessions',
  summary: '每天凌晨按各支部学习日规则生成未来60天的学习安排（已有的不重复生成）',
  pattern: '20 0 * * *',
  async run({ deps, at, log }) {
    const report = await materialiseAll(
      { models: deps.models, outbound: deps.queues.outbound },
      at,
      deps.config.timeZone,
    );
    const unknown = report.unknownYears.length
      ? `；注意：${report.unknownYears.join('、')}年放假安排尚未收录（请升级 chinese-days），节假日暂按平常日处理`
      : '';
    if (unknown) log.warn({ years: report.unknownYears }, 'holiday calendar missing for a planned year');
    const cancelled = report.cancelled ? `，因节假日取消并通知 ${report.cancelled} 次` : '';
    return `学习日：${report.branches} 个支部，新生成 ${report.created} 次学习${cancelled}${unknown}`;
  },
};
