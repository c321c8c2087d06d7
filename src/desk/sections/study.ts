import { monthsSpan, percent } from '../../domain/study/index.js';
import type { YearMonth } from '../../domain/text/index.js';
import { studyFigures } from '../../study/figures.js';
import type { DeskQuery } from '../scope.js';
import type { DeskSection } from './types.js';

/** Absentees named in the 月报 before 「考勤」 takes over. */
const NAMED = 10;

/** The held sessions' totals, and who missed sessions without leave (most absences first). */
async function studyTotals({ models, scope, now, timeZone }: DeskQuery, months: YearMonth[]) {
  const f = await studyFigures(models, scope.filter, monthsSpan(months), now, timeZone);
  const sum = (pick: (s: (typeof f.sessions)[number]) => number) =>
    f.sessions.reduce((n, s) => n + pick(s), 0);
  const absences = new Map<string, { name: string; count: number }>();
  for (const r of f.records.filter((r) => r.outcome === 'absent')) {
    const entry = absences.get(r.memberId) ?? { name: r.memberName, count: 0 };
    entry.count++;
    absences.set(r.memberId, entry);
  }
  const expected = sum((s) => s.expected);
  const signed = sum((s) => s.signed);
  const remote = sum((s) => s.remote);
  return {
    sessions: f.sessions.length,
    expected,
    signed,
    remote,
    leave: sum((s) => s.leave),
    absent: sum((s) => s.absent),
    // 参学率 as 「考勤」 gives it: took part (in the room or elsewhere) ÷ expected.
    rate: percent(signed + remote, expected),
    absentees: [...absences.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'zh')),
  };
}

/** 学习日: sessions held (ended by now), attendance, remote study, leave and absence. */
export const studySection: DeskSection = {
  title: '学习日',
  async compute(query, months) {
    const t = await studyTotals(query, months);
    if (t.sessions === 0) return ['没有已结束的学习。'];
    const lines = [
      `学习${t.sessions}次，应到${t.expected}人次：到场${t.signed}（含补签），远程${t.remote}（含送学上门），请假${t.leave}，缺席${t.absent}；参学率${t.rate}`,
    ];
    if (t.absentees.length === 0) return [...lines, '没有无故缺席。'];
    const named = t.absentees.slice(0, NAMED).map((a) => `${a.name}${a.count}次`);
    const more = t.absentees.length > NAMED ? `……共${t.absentees.length}人，发「考勤」看全部` : '';
    return [...lines, `缺席未请假：${named.join('、')}${more}`];
  },
  async disclose(query, months) {
    const t = await studyTotals(query, months);
    if (t.sessions === 0) return ['本期没有举行学习。'];
    return [
      `举行学习${t.sessions}次，应参加${t.expected}人次，实际参加${t.signed + t.remote}人次（其中远程学习、送学上门${t.remote}人次），请假${t.leave}人次，参学率${t.rate}。`,
    ];
  },
};
