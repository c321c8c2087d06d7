import { Types } from 'mongoose';
import { type HeldSession, inactiveMembers, monthLength } from '../../src/domain/study/index.js';
import { currentYearMonth, type IsoDate, monthLabel, type YearMonth } from '../../src/domain/text/index.js';
import { shiftMonth } from '../../src/domain/text/relative-words.js';
import { type StudyFigures, studyFigures } from '../../src/study/figures.js';
import { STUDY_REMINDER } from '../../src/study/reminder-kinds.js';
import { freshLines, noticeEachBranch, total } from './branch-notices.js';
import type { ScheduledJob } from './types.js';

export const INACTIVE_MONTHS = 6;

/** The six whole months before `month`. */
export function lookbackMonths(month: YearMonth): {
  first: YearMonth;
  last: YearMonth;
  from: IsoDate;
  to: IsoDate;
} {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const ym = (o: number) => {
    const s = shiftMonth(year, m, o);
    return { ...s, text: `${s.year}-${String(s.month).padStart(2, '0')}` as YearMonth };
  };
  const first = ym(-INACTIVE_MONTHS);
  const last = ym(-1);
  return {
    first: first.text,
    last: last.text,
    from: `${first.text}-01` as IsoDate,
    to: `${last.text}-${String(monthLength(last.year, last.month)).padStart(2, '0')}` as IsoDate,
  };
}

/** The figures as the domain's held sessions: everyone with a row was expected or took part. */
function heldSessions(figures: StudyFigures): HeldSession[] {
  return figures.sessions.map((s) => {
    const rows = figures.records.filter((r) => r.sessionId === s.sessionId);
    return {
      date: s.date,
      expected: rows.map((r) => r.memberId),
      records: rows.flatMap((r) =>
        r.outcome === 'absent' ? [] : [{ memberId: r.memberId, kind: r.outcome }],
      ),
    };
  });
}

const ART_9 =
  '党章第九条：党员没有正当理由，连续六个月不参加党的组织生活，或不交纳党费，或不做党所分配的工作，就被认为是自行脱党。' +
  '是否有正当理由须由支部了解核实；如需处理，由支部大会讨论决定，报上级党组织批准。' +
  '本提示只是学习记录的统计，不是结论：请先与本人谈心谈话，了解困难。';

/**
 * On the 1st: members with no participation in any study session over the last six whole months, to their branch's
 * secretaries, once a month — a flag for the branch to look into (Art. 9), never a decision.
 */
export const studyInactiveDigest: ScheduledJob = {
  name: 'study-inactive-digest',
  summary: '每月1日提示支部书记：近6个月没有参加过学习的党员（党章第九条，供支部了解核实）',
  pattern: '0 9 1 * *',
  async run({ deps, at }) {
    const timeZone = deps.config.timeZone;
    const month = currentYearMonth(at, timeZone) as YearMonth;
    const window = lookbackMonths(month);
    const flagged = await noticeEachBranch(deps, at, async ({ branch, scope }) => {
      const figures = await studyFigures(
        deps.models,
        { branchId: scope.branchId },
        { from: window.from, to: window.to },
        at,
        timeZone,
      );
      const inactive = inactiveMembers(heldSessions(figures), window.first);
      if (inactive.length === 0) return [];
      const names = new Map(figures.records.map((r) => [r.memberId, r.memberName]));
      const text = (fresh: Set<string>) =>
        [
          `${branch.name} 学习情况提示（${monthLabel(window.first)}至${monthLabel(window.last)}）：以下党员这6个月没有参加过支部学习（到场、远程、送学上门均无记录）：`,
          freshLines(
            fresh,
            inactive,
            (i) => i.memberId,
            (i) => `${names.get(i.memberId)}（应参加${i.sessions}次，请假${i.leaves}次）`,
          ),
          ART_9,
        ].join('\n');
      const subjects = inactive.map((i) => new Types.ObjectId(i.memberId));
      return [{ kind: STUDY_REMINDER.inactive, period: month, subjects, text }];
    });
    return `${month} 六个月未参加学习提示：${total(flagged)} 人`;
  },
};
