import type { Command } from '../../bot/command.js';
import { chartCommands, chartList } from './chart.js';
import { deskDisclosure } from './disclosure.js';
import { exportCommands, exportList } from './export.js';
import { deskReport } from './report.js';

export const deskCommands: readonly Command[] = [
  deskReport,
  deskDisclosure,
  chartList,
  ...chartCommands,
  exportList,
  ...exportCommands,
];
