import type { Command } from '../../bot/command.js';
import { help } from './help.js';

export const helpCommands: readonly Command[] = [help];
