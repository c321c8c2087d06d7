import { addDays, civilIsoDate, percent } from '../../domain/study/index.js';
import { type SessionFigures, studyFigures } from '../../study/figures.js';
import type { ChartSpec } from './types.js';

/** The latest sessions drawn, held within the last year. */
const SESSIONS = 12;

const rate = (s: SessionFigures) =>
  s.expected === 0 ? null : Math.round(((s.signed + s.remote) / s.expected) * 1000) / 10;

/** 11月20日, with the branch under it when the chart covers several branches. */
const label = (s: SessionFigures, branches: boolean) =>
  `${Number(s.date.slice(5, 7))}月${Number(s.date.slice(8))}日${branches ? `\n${s.branchName}` : ''}`;

/** 参学率 of each of the latest sessions held: took part (in the room or elsewhere) ÷ expected. */
export const attendanceChart: ChartSpec = {
  id: 'attendance',
  names: ['考勤', '学习', '参学率'],
  summary: '最近12次学习的参学率',
  async load({ models, scope, now, timeZone }) {
    const today = civilIsoDate(now, timeZone);
    const f = await studyFigures(
      models,
      scope.filter,
      { from: addDays(today, -365), to: today },
      now,
      timeZone,
    );
    const sessions = f.sessions.slice(-SESSIONS);
    if (sessions.length === 0) return null;
    const branches = new Set(sessions.map((s) => s.branchId)).size > 1;
    const total = (pick: (s: SessionFigures) => number) => sessions.reduce((n, s) => n + pick(s), 0);
    const expected = total((s) => s.expected);
    const signed = total((s) => s.signed);
    const remote = total((s) => s.remote);
    const overall = percent(signed + remote, expected);
    return {
      data: {
        title: `学习参学率（${scope.name}）`,
        subtitle: `最近${sessions.length}次 · 应到${expected}人次 · 到场${signed} · 远程${remote} · 参学率${overall}`,
        categories: sessions.map((s) => label(s, branches)),
        series: [{ name: '参学率', values: sessions.map(rate) }],
        unit: '%',
      },
      caption: `学习参学率 · 最近${sessions.length}次（${scope.label}）：应到${expected}人次，到场${signed}，远程${remote}，请假${total((s) => s.leave)}，缺席${total((s) => s.absent)}，参学率${overall}。图见下。`,
    };
  },
};
