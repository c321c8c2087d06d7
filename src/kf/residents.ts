import type { HydratedDocument, Types } from 'mongoose';
import { maskName } from '../domain/mask.js';
import type { Models } from '../models/index.js';
import type { Resident } from '../models/resident.js';
import type { KfApi } from '../wecom/api/kf.js';
import { externalUserIdOf } from './address.js';

export type ResidentDoc = HydratedDocument<Resident>;

/**
 * The Resident record of someone writing through 微信客服 to a community's account: made the first time,
 * named only by the masked WeChat nickname kf/customer/batchget gives (or nothing when WeChat does not say).
 */
export async function kfResident(
  models: Models,
  kf: KfApi,
  communityId: Types.ObjectId,
  address: string,
): Promise<ResidentDoc> {
  const found = await models.Resident.findOne({ communityId, wecomUserId: address });
  if (found) return found;
  const externalUserId = externalUserIdOf(address) ?? '';
  const nickname = await kf.getCustomers([externalUserId]).then(
    (list) => list.find((c) => c.external_userid === externalUserId)?.nickname ?? '',
    () => '',
  );
  const resident = await models.Resident.findOneAndUpdate(
    { communityId, wecomUserId: address },
    { $setOnInsert: { name: nickname ? maskName(nickname) : '', channel: 'kf' } },
    { upsert: true, returnDocument: 'after' },
  );
  return resident!;
}
