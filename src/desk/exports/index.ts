import { activitiesExport } from './activities.js';
import { attendanceExport } from './attendance.js';
import { complaintsExport } from './complaints.js';
import { duesLedgerExport } from './dues-ledger.js';
import type { ExportSpec } from './types.js';

/** Every spreadsheet people can ask for, in chat (「导出 …」) and from `npm run export`; each one ExportSpec module. */
export const EXPORTS: readonly ExportSpec[] = [
  duesLedgerExport,
  attendanceExport,
  activitiesExport,
  complaintsExport,
];

/** The export a name asks for (党费台账, 活动 …). */
export const exportNamed = (name: string): ExportSpec | undefined =>
  EXPORTS.find((e) => e.names.includes(name.trim()));
