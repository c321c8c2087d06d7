import type { Command } from '../bot/command.js';
import { activityCommands } from './activities/index.js';
import { complaintCommands } from './complaints/index.js';
import { deskCommands } from './desk/index.js';
import { duesCommands } from './dues/index.js';
import { helpCommands } from './help/index.js';
import { memberCommands } from './members/index.js';
import { pointCommands } from './points/index.js';
import { studyCommands } from './study/index.js';

/**
 * Every command the bot knows, feature by feature (a new command goes in its feature's index.ts); the
 * registry checks them at start-up. The order is the order of 帮助.
 */
export const commands: readonly Command[] = [
  ...helpCommands,
  ...memberCommands,
  ...activityCommands,
  ...duesCommands,
  ...deskCommands,
  ...pointCommands,
  ...complaintCommands,
  ...studyCommands,
];
