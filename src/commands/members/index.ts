import type { Command } from '../../bot/command.js';
import { bindMemberCommand } from './bind.js';
import { findMember } from './find.js';
import { myInfo } from './info.js';

export const memberCommands: readonly Command[] = [myInfo, findMember, bindMemberCommand];
