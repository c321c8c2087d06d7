import { describe, expect, it } from 'vitest';
import { offerOrder } from '../../src/bot/offer-order.js';

const commands = [{ id: 'activity.log' }, { id: 'complaint.add' }, { id: 'complaint.report' }];
const ids = (list: Array<{ id: string }>) => list.map((c) => c.id);

describe('the order photos and locations are offered to commands', () => {
  it('puts the command waiting for an answer first, the rest as registered', () => {
    expect(ids(offerOrder(commands, 'complaint.report'))).toEqual([
      'complaint.report',
      'activity.log',
      'complaint.add',
    ]);
  });

  it('keeps the registered order when nobody is waiting, or the waiting command is gone', () => {
    const registered = ids(commands);
    expect(ids(offerOrder(commands, undefined))).toEqual(registered);
    expect(ids(offerOrder(commands, 'retired.command'))).toEqual(registered);
  });

  it('leaves the registry’s list as it was', () => {
    offerOrder(commands, 'complaint.report');
    expect(ids(commands)).toEqual(['activity.log', 'complaint.add', 'complaint.report']);
  });
});
