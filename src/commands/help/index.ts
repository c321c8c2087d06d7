import type { Command } from '../../bot/command.js';
import { help } from './help.js';
import { more } from './more.js';

export const helpCommands: readonly Command[] = [help, more];
