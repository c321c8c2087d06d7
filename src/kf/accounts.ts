import type { HydratedDocument } from 'mongoose';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { Community } from '../models/community.js';
import type { Models } from '../models/index.js';
import type { KfAccount } from '../models/kf.js';
import type { KfApi } from '../wecom/api/kf.js';

export type KfAccountDoc = HydratedDocument<KfAccount>;

/**
 * The kf account a callback names, when the bot serves it: configured (WECOM_KF_OPEN_KFIDS), or any when none
 * are configured. Its community comes from the configuration, else the deployment's first community.
 */
export async function servedAccount(
  models: Models,
  config: Config['kf'],
  openKfId: string,
): Promise<KfAccountDoc | null> {
  const configured = config.accounts.find((a) => a.openKfId === openKfId);
  if (config.accounts.length > 0 && !configured) return null;
  const found = await models.KfAccount.findOne({ openKfId });
  if (found?.communityId) return found;
  const community = configured?.communityCode
    ? await models.Community.findOne({ code: configured.communityCode })
    : await models.Community.findOne().sort({ code: 1 });
  return models.KfAccount.findOneAndUpdate(
    { openKfId },
    { $set: { communityId: community?._id ?? null } },
    { upsert: true, returnDocument: 'after' },
  );
}

/** Records the accounts at start-up: the configured ones, or those kf/account/list shows the app. */
export async function registerAccounts(models: Models, config: Config['kf'], kf: KfApi, log: Logger) {
  let listed: Array<{ openKfId: string; name: string }> = [];
  try {
    listed = await kf.listAccounts();
  } catch (err) {
    // kf not enabled for the app, or not in 可调用接口的应用: the rest of the bot works without it.
    log.warn({ err: (err as Error).message }, '微信客服 accounts could not be listed (kf/account/list)');
    if (config.accounts.length === 0) return;
  }
  const wanted =
    config.accounts.length > 0 ? config.accounts.map((a) => a.openKfId) : listed.map((a) => a.openKfId);
  for (const openKfId of wanted) {
    const account = await servedAccount(models, config, openKfId);
    const name = listed.find((a) => a.openKfId === openKfId)?.name;
    if (account && name && account.name !== name)
      await models.KfAccount.updateOne({ openKfId }, { $set: { name } });
  }
  if (wanted.length > 0) log.info({ accounts: wanted.length }, '微信客服 accounts served');
}

/** The community a kf account serves (null when the deployment has none yet). */
export async function communityOfAccount(
  models: Models,
  account: Pick<KfAccount, 'communityId'> | null,
): Promise<HydratedDocument<Community> | null> {
  if (account?.communityId) return models.Community.findById(account.communityId);
  return models.Community.findOne().sort({ code: 1 });
}
