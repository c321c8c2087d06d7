import { describe, expect, it } from 'vitest';
import type { Command } from '../../src/bot/command.js';
import { mayUse } from '../../src/bot/permissions.js';
import type { Sender } from '../../src/bot/sender.js';
import { commands } from '../../src/commands/index.js';
import { ROLES, type Role } from '../../src/domain/member-vocabulary.js';

/**
 * The permission matrix, written out by hand: who may use each command. A new command must be added
 * here, which is the point — nobody gets a command by accident.
 */
const EVERYONE_REGISTERED = ROLES;
const OFFICERS: readonly Role[] = ['secretary', 'deputy_secretary', 'organiser', 'admin', 'staff'];
/** Grid leaders and community staff handle residents' complaints; secretaries and admins may act on any. */
const HANDLERS: readonly Role[] = ['grid_leader', 'staff', 'secretary', 'deputy_secretary', 'admin'];
const MATRIX: Record<string, { unknown: boolean; roles: readonly Role[] }> = {
  help: { unknown: true, roles: EVERYONE_REGISTERED },
  more: { unknown: true, roles: EVERYONE_REGISTERED },
  'member.info': { unknown: false, roles: EVERYONE_REGISTERED },
  'member.find': { unknown: false, roles: OFFICERS },
  'member.bind': { unknown: false, roles: OFFICERS },
  'activity.log': { unknown: false, roles: EVERYONE_REGISTERED },
  'activity.undo': { unknown: false, roles: EVERYONE_REGISTERED },
  'activity.mine': { unknown: false, roles: EVERYONE_REGISTERED },
  'activity.stats': { unknown: false, roles: OFFICERS },
  'activity.ranking': { unknown: false, roles: OFFICERS },
  'dues.status': { unknown: false, roles: EVERYONE_REGISTERED },
  'dues.standard': { unknown: false, roles: EVERYONE_REGISTERED },
  'dues.how': { unknown: false, roles: EVERYONE_REGISTERED },
  'dues.pay': { unknown: false, roles: OFFICERS },
  'dues.confirm': { unknown: false, roles: OFFICERS },
  'dues.reverse': { unknown: false, roles: OFFICERS },
  'dues.arrears': { unknown: false, roles: OFFICERS },
  'dues.stats': { unknown: false, roles: [...OFFICERS, 'street'] },
  'desk.report': { unknown: false, roles: [...OFFICERS, 'street'] },
  'desk.disclosure': { unknown: false, roles: [...OFFICERS, 'street'] },
  'chart.list': { unknown: false, roles: OFFICERS },
  'chart.dues-rate': { unknown: false, roles: OFFICERS },
  'chart.attendance': { unknown: false, roles: OFFICERS },
  'chart.complaints': { unknown: false, roles: OFFICERS },
  'export.list': { unknown: false, roles: OFFICERS },
  'export.dues-ledger': { unknown: false, roles: OFFICERS },
  'export.activities': { unknown: false, roles: OFFICERS },
  'export.attendance': { unknown: false, roles: OFFICERS },
  'export.complaints': { unknown: false, roles: OFFICERS },
  'points.mine': { unknown: false, roles: EVERYONE_REGISTERED },
  'points.ranking': { unknown: false, roles: OFFICERS },
  'complaint.report': { unknown: true, roles: EVERYONE_REGISTERED },
  'complaint.mine': { unknown: true, roles: EVERYONE_REGISTERED },
  'complaint.progress': { unknown: true, roles: EVERYONE_REGISTERED },
  'complaint.add': { unknown: true, roles: EVERYONE_REGISTERED },
  'complaint.rate': { unknown: true, roles: EVERYONE_REGISTERED },
  'complaint.accept': { unknown: false, roles: HANDLERS },
  'complaint.reassign': { unknown: false, roles: HANDLERS },
  'complaint.resolve': { unknown: false, roles: HANDLERS },
  'complaint.refer': { unknown: false, roles: HANDLERS },
  'complaint.reject': { unknown: false, roles: HANDLERS },
  'complaint.duplicate': { unknown: false, roles: HANDLERS },
  'complaint.todo': { unknown: false, roles: [...HANDLERS, 'organiser'] },
  'complaint.overdue': { unknown: false, roles: OFFICERS },
  'complaint.stats': { unknown: false, roles: [...OFFICERS, 'street'] },
  'complaint.handover': { unknown: false, roles: HANDLERS },
  'complaint.resident-qr': { unknown: false, roles: ['secretary', 'deputy_secretary', 'admin'] },
  'study.when': { unknown: false, roles: EVERYONE_REGISTERED },
  'study.signin': { unknown: false, roles: EVERYONE_REGISTERED },
  'study.leave': { unknown: false, roles: EVERYONE_REGISTERED },
  'study.unleave': { unknown: false, roles: EVERYONE_REGISTERED },
  'study.remote': { unknown: false, roles: EVERYONE_REGISTERED },
  'study.attendance': { unknown: false, roles: EVERYONE_REGISTERED },
  'study.plan': { unknown: false, roles: OFFICERS },
  'study.schedule': { unknown: false, roles: OFFICERS },
  'study.topic': { unknown: false, roles: OFFICERS },
  'study.move': { unknown: false, roles: OFFICERS },
  'study.cancel': { unknown: false, roles: OFFICERS },
  'study.makeup': { unknown: false, roles: OFFICERS },
  'study.deliver': { unknown: false, roles: OFFICERS },
};

const memberWith = (role: Role) =>
  ({ kind: 'member', userId: 'u', member: {}, roles: [role], community: null }) as unknown as Sender;
const stranger = { kind: 'unknown', userId: 'x', community: null } as Sender;

describe('the role × command matrix', () => {
  it('lists every command', () => {
    expect(commands.map((c) => c.id).sort()).toEqual(Object.keys(MATRIX).sort());
  });

  const cases = commands.flatMap((command: Command) => [
    ...ROLES.map((role) => [command.id, role, MATRIX[command.id]?.roles.includes(role) ?? false] as const),
    [command.id, 'unknown person', MATRIX[command.id]?.unknown ?? false] as const,
  ]);
  it.each(cases)('%s for %s → %s', (id, who, expected) => {
    const command = commands.find((c) => c.id === id)!;
    const sender = who === 'unknown person' ? stranger : memberWith(who as Role);
    expect(mayUse(command, sender)).toBe(expected);
  });
});
