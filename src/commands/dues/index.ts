import type { Command } from '../../bot/command.js';
import { duesArrears, duesStats } from './figures.js';
import { duesHow } from './how.js';
import { confirmDues, payDues } from './pay.js';
import { reverseDues } from './reverse.js';
import { duesStandard } from './standard.js';
import { duesStatus } from './status.js';

export const duesCommands: readonly Command[] = [
  duesStatus,
  duesStandard,
  duesHow,
  payDues,
  confirmDues,
  reverseDues,
  duesArrears,
  duesStats,
];
