import type { Models } from '../models/index.js';

const WINDOW_MS = 48 * 3600 * 1000;

/** What the bot knows of a resident's kf conversation: until when it may answer, how much is used, what waits. */
export async function kfWindow(models: Models, externalUserId: string) {
  const [contact] = await models.KfContact.find({ externalUserId }).sort({ lastCustomerAt: -1 }).limit(1);
  const held = await models.KfOutbox.find({ externalUserId, state: 'held' }).sort({ at: 1 });
  return {
    openKfId: contact?.openKfId ?? null,
    closesAt: contact?.lastCustomerAt ? new Date(contact.lastCustomerAt.getTime() + WINDOW_MS) : null,
    sentSince: contact?.sentSince ?? 0,
    handedOver: contact?.handedOver ?? false,
    held: held.map((h) => ({ at: h.at, reason: h.heldReason, text: h.text })),
  };
}
