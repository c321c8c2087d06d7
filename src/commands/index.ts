import type { Command } from '../bot/command.js';
import { findMember } from './find-member.js';
import { help } from './help.js';
import { myInfo } from './my-info.js';

/** Every command the bot knows; the registry checks them at start-up. */
export const commands: Command[] = [help, myInfo, findMember] as Command[];
