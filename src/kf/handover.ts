import type { Models } from '../models/index.js';
import { WecomApiError } from '../wecom/api/errors.js';
import type { KfApi } from '../wecom/api/kf.js';
import { externalUserIdOf } from './address.js';

export type HandoverOutcome =
  | { ok: true; accountName: string }
  | { ok: false; why: 'not_kf' | 'no_session' | 'not_servicer' | 'session_closed'; accountName: string };

const PERSON = 3;
const NOT_A_SERVICER = 95014;
const CHANGE_REFUSED = new Set([95013, 95016]);

/**
 * Gives a resident's kf session to a person (service state 3, 人工接待): `servicer` must be a receptionist of
 * the account. From then on the bot does not answer that resident until the session ends.
 */
export async function handOver(
  models: Models,
  kf: KfApi,
  residentAddress: string,
  servicer: string,
): Promise<HandoverOutcome> {
  const externalUserId = externalUserIdOf(residentAddress);
  if (!externalUserId) return { ok: false, why: 'not_kf', accountName: '' };
  const [contact] = await models.KfContact.find({ externalUserId }).sort({ lastCustomerAt: -1 }).limit(1);
  if (!contact) return { ok: false, why: 'no_session', accountName: '' };
  const account = await models.KfAccount.findOne({ openKfId: contact.openKfId });
  const accountName = account?.name || '微信客服';
  try {
    await kf.transServiceState({ openKfId: contact.openKfId, externalUserId, state: PERSON, servicer });
  } catch (err) {
    if (!(err instanceof WecomApiError)) throw err;
    if (err.errcode === NOT_A_SERVICER) return { ok: false, why: 'not_servicer', accountName };
    if (CHANGE_REFUSED.has(err.errcode)) return { ok: false, why: 'session_closed', accountName };
    throw err;
  }
  await models.KfContact.updateOne(
    { _id: contact._id },
    { $set: { handedOver: true, handedOverTo: servicer } },
  );
  return { ok: true, accountName };
}
