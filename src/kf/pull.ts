import { randomUUID } from 'node:crypto';
import type { Queue } from 'bullmq';
import type { Config } from '../config.js';
import { isDuplicateKeyError } from '../db/duplicate-key.js';
import type { Logger } from '../logger.js';
import type { Models } from '../models/index.js';
import type { RedisClient } from '../queues/connection.js';
import type { InboundJob } from '../queues/definitions.js';
import { orderOf } from '../queues/queues.js';
import { WecomApiError } from '../wecom/api/errors.js';
import type { KfApi, KfPulledMessage } from '../wecom/api/kf.js';
import { servedAccount } from './accounts.js';
import { kfInbound } from './inbound.js';

export interface PullDeps {
  models: Models;
  redis: RedisClient;
  kf: KfApi;
  inbound: Queue<InboundJob>;
  log: Logger;
  now: () => Date;
  corpId: string;
  config: Config['kf'];
  /** How long a puller holds an account without renewing (a crashed puller's account frees after this). */
  leaseMs: number;
}

/** WeCom keeps kf messages this long; a cursor older than this points at nothing it still holds. */
const HORIZON_MS = 3 * 24 * 3600 * 1000;
const INVALID_MSG_TOKEN = 95007;
const INVALID_PARAMETER = 40058;

const RENEW_IF_OURS = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`;
const RELEASE_IF_OURS = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

export class LeaseLostError extends Error {
  constructor(openKfId: string) {
    super(`lost the pull lease of ${openKfId} to another puller`);
    this.name = 'LeaseLostError';
  }
}

/**
 * Pulls one kf account's new messages (kf/sync_msg) while has_more = 1, also past an empty page, as the only
 * puller of that account (a Redis lease, renewed every page). Each page's messages become inbound jobs keyed
 * by msgid before the page's next_cursor is saved: a crash re-pulls at most one page, whose jobs collapse onto
 * those already stored, and a message recorded as pulled is never queued again. Returns 'busy' when another
 * puller holds the account (the caller tries again shortly: it may have missed this callback's messages).
 */
export async function pullAccount(
  deps: PullDeps,
  openKfId: string,
  callbackToken: string | undefined,
): Promise<'pulled' | 'busy' | 'not_served'> {
  const account = await servedAccount(deps.models, deps.config, openKfId);
  if (!account) {
    deps.log.warn({ openKfId }, '微信客服 callback for an account not in WECOM_KF_OPEN_KFIDS; ignored');
    return 'not_served';
  }
  const lockKey = `kf:pull:${openKfId}`;
  const holder = randomUUID();
  if (!(await deps.redis.set(lockKey, holder, 'PX', deps.leaseMs, 'NX'))) return 'busy';
  const log = deps.log.child({ openKfId });
  try {
    let cursor = account.cursor;
    const age = account.cursorAt ? deps.now().getTime() - account.cursorAt.getTime() : 0;
    if (cursor && age > HORIZON_MS) {
      log.warn(
        { cursorAt: account.cursorAt },
        'kf cursor older than the 3 days WeCom keeps; pulling what it still holds',
      );
      cursor = '';
    }
    const fresh = !cursor;
    let token = callbackToken;
    let pages = 0;
    let stored = 0;
    for (;;) {
      if ((await deps.redis.eval(RENEW_IF_OURS, 1, lockKey, holder, deps.leaseMs)) !== 1) {
        throw new LeaseLostError(openKfId);
      }
      let page: Awaited<ReturnType<KfApi['syncMsg']>>;
      try {
        page = await deps.kf.syncMsg({ openKfId, cursor, token, limit: deps.config.syncLimit });
      } catch (err) {
        if (!(err instanceof WecomApiError)) throw err;
        // The callback's token lasts 10 minutes: a retried job reads on without it.
        if (err.errcode === INVALID_MSG_TOKEN && token) {
          token = undefined;
          continue;
        }
        if (err.errcode === INVALID_PARAMETER && cursor) {
          log.warn({ errmsg: err.errmsg }, 'kf cursor refused; pulling what WeCom still holds');
          cursor = '';
          continue;
        }
        throw err;
      }
      if (fresh && pages === 0 && page.messages[0]) {
        const back = deps.now().getTime() / 1000 - page.messages[0].send_time;
        log.info({ hoursBack: Math.round(back / 360) / 10 }, 'kf pull without a cursor starts this far back');
      }
      stored += await storeBatch(deps, page.messages);
      // Only now: the page is stored, so the cursor may move past it.
      await deps.models.KfAccount.updateOne(
        { openKfId },
        { $set: { cursor: page.nextCursor, cursorAt: deps.now() } },
      );
      cursor = page.nextCursor;
      pages++;
      if (!page.hasMore) break;
    }
    log.debug({ pages, stored }, 'kf pull done');
    return 'pulled';
  } finally {
    await deps.redis.eval(RELEASE_IF_OURS, 1, lockKey, holder);
  }
}

/**
 * Queues each message not pulled before as an inbound job (job id from its msgid), opens the resident's
 * 48-hour window, then records the msgids. Returns how many were queued.
 */
async function storeBatch(deps: PullDeps, messages: KfPulledMessage[]): Promise<number> {
  if (messages.length === 0) return 0;
  const { models } = deps;
  const seen = new Set(
    (await models.KfInbox.find({ msgid: { $in: messages.map((m) => m.msgid) } }, { msgid: 1 })).map(
      (d) => d.msgid,
    ),
  );
  const fresh = messages.filter((m) => !seen.has(m.msgid));
  for (const m of fresh) if (m.origin === 3) await openWindow(models, m);
  const receivedAt = deps.now().toISOString();
  const jobs = fresh.flatMap((m) => {
    const message = kfInbound(m, deps.corpId);
    return message
      ? [{ name: message.kind, data: { message, receivedAt }, opts: { jobId: message.dedupeKey } }]
      : [];
  });
  if (jobs.length > 0) {
    const added = await deps.inbound.addBulk(jobs);
    // In each resident's line in pull order: jobs stored in one call share a millisecond, so a fraction
    // of one keeps them apart (SenderOrder sorts by the stored time).
    const order = orderOf(deps.inbound);
    for (const [index, job] of added.entries()) {
      await order.join(jobs[index]!.data.message.fromUser, {
        id: job.id,
        timestamp: job.timestamp + index / 1000,
      });
    }
  }
  try {
    await models.KfInbox.insertMany(
      fresh.map((m) => ({ msgid: m.msgid, openKfId: m.open_kfid, sendTime: new Date(m.send_time * 1000) })),
      { ordered: false },
    );
  } catch (err) {
    if (!isDuplicateKeyError(err)) throw err;
  }
  return jobs.length;
}

/**
 * The resident wrote: 48 hours and 5 messages from this message on. Only messages not pulled before get here,
 * and an older one never moves the window back (send_time has whole seconds: two in one second both count).
 */
async function openWindow(models: Models, m: KfPulledMessage): Promise<void> {
  const at = new Date(m.send_time * 1000);
  const key = { openKfId: m.open_kfid, externalUserId: m.external_userid };
  await models.KfContact.updateOne(key, { $setOnInsert: key }, { upsert: true });
  await models.KfContact.updateOne(
    { ...key, $or: [{ lastCustomerAt: null }, { lastCustomerAt: { $lte: at } }] },
    { $set: { lastCustomerAt: at, sentSince: 0 } },
  );
}
