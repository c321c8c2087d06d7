import { activitiesExport } from './activities.js';
import { duesLedgerExport } from './dues-ledger.js';
import type { ExportSpec } from './types.js';

/**
 * Every spreadsheet people can ask for, in chat (「导出 …」) and from `npm run export`. Attendance (导出 考勤
 * <季度|年>) and complaints (导出 诉求 <月份>) each add one ExportSpec module here.
 */
export const EXPORTS: readonly ExportSpec[] = [duesLedgerExport, activitiesExport];

/** The export a name asks for (党费台账, 活动 …). */
export const exportNamed = (name: string): ExportSpec | undefined =>
  EXPORTS.find((e) => e.names.includes(name.trim()));
