import type { Types } from 'mongoose';
import type { Models } from '../models/index.js';
import type { KfApi } from '../wecom/api/kf.js';

/**
 * The link residents of a community open in WeChat to write to its kf account (kf/add_contact_way, made once
 * and kept; the scene names the community). Null when no kf account serves the community.
 */
export async function residentLink(
  models: Models,
  kf: KfApi,
  community: { _id: Types.ObjectId; code: string },
): Promise<{ url: string; accountName: string } | null> {
  const account =
    (await models.KfAccount.findOne({ communityId: community._id })) ??
    (await models.KfAccount.findOne({ communityId: null }));
  if (!account) return null;
  const accountName = account.name || '微信客服';
  if (account.contactUrl) return { url: account.contactUrl, accountName };
  const url = await kf.addContactWay(
    account.openKfId,
    community.code.replace(/[^0-9a-zA-Z_-]/g, '').slice(0, 32),
  );
  await models.KfAccount.updateOne({ _id: account._id }, { $set: { contactUrl: url } });
  return { url, accountName };
}
