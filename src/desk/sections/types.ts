import type { YearMonth } from '../../domain/text/index.js';
import type { Models } from '../../models/index.js';
import type { DeskScope } from '../scope.js';

/**
 * One part of the 月报 and of the 党务公开 notice (dues, activities, study days, complaints …): a provider
 * computes its lines from the records for a scope and a run of months. Each part of the work is one module.
 */
export interface DeskSection {
  /** Printed as 【title】 before the lines. */
  title: string;
  /** For the secretary (月报): may name members, e.g. who is behind with dues. Always says something. */
  compute(models: Models, scope: DeskScope, months: YearMonth[]): Promise<string[]>;
  /** For posting publicly (党务公开): totals and rates only, nobody named. */
  disclose(models: Models, scope: DeskScope, months: YearMonth[]): Promise<string[]>;
}
