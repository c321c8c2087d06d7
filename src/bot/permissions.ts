import type { Command } from './command.js';
import type { Sender } from './sender.js';

/** The one place that decides who may use what. */
export function mayUse(command: Command, sender: Sender): boolean {
  if (command.audience === 'anyone') return true;
  if (sender.kind !== 'member') return false;
  if (command.audience === 'registered') return true;
  return command.audience.some((role) => sender.roles.includes(role));
}
