import type { YearMonth } from '../../domain/text/index.js';
import type { DeskQuery } from '../scope.js';

/**
 * One part of the 月报 and of the 党务公开 notice (dues, activities, study days, complaints …): a provider
 * computes its lines from the records for a scope and a run of months, as of the query's time (a study day
 * counts once it has ended; a complaint's time limit once it has passed). Each part of the work is one module.
 */
export interface DeskSection {
  /** Printed as 【title】 before the lines. */
  title: string;
  /** For the secretary (月报): may name members, e.g. who is behind with dues. Always says something. */
  compute(query: DeskQuery, months: YearMonth[]): Promise<string[]>;
  /** For posting publicly (党务公开): totals and rates only, nobody named. */
  disclose(query: DeskQuery, months: YearMonth[]): Promise<string[]>;
}
