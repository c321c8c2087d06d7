import type { DeskQuery } from '../scope.js';
import type { ChartData } from './bar.js';

/**
 * A chart people can ask for (「图表 党费」 / 「党费图表」): its data from the records, drawn by barChart. Each
 * chart is one module listed in CHARTS.
 */
export interface ChartSpec {
  /** Stable: the command id is chart.<id>. */
  id: string;
  /** Words after 图表 (and before 图表) that ask for it; the first is shown in 帮助. */
  names: readonly string[];
  summary: string;
  /** The chart and the line sent with it; null when the records hold nothing to draw. */
  load(query: DeskQuery): Promise<{ data: ChartData; caption: string } | null>;
}
