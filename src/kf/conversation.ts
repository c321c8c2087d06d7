import type { Queue } from 'bullmq';
import type { Logger } from '../logger.js';
import type { Models } from '../models/index.js';
import type { OutboundJob } from '../queues/definitions.js';
import { enqueueOutbound } from '../queues/queues.js';
import { WecomApiError } from '../wecom/api/errors.js';
import type { KfApi } from '../wecom/api/kf.js';
import type { InboundMessage, OtherEvent } from '../wecom/inbound.js';
import { communityOfAccount } from './accounts.js';
import { externalUserIdOf } from './address.js';
import { kfDedupeKey } from './inbound.js';
import { type HoldReason, kfMsgid, releaseHeld, tellHandlerUnreached } from './outbox.js';

export interface KfConversationDeps {
  models: Models;
  kf: KfApi;
  outbound: Queue<OutboundJob>;
  log: Logger;
}

/** Receptionist states in which a person, not the bot, has the resident: 2 待接入池, 3 人工接待. */
const PERSON_STATES = new Set([2, 3]);
const SESSION_ENDED = 3;

export const welcomeText = (communityName: string) =>
  [
    `您好，这里是${communityName}。`,
    '小区里的问题（下水道堵了、路灯坏了、楼道堆物等）可以直接发文字告诉我，也可以发照片和位置。',
    '发「我的反映」查看您反映过的问题和办理进度。',
  ].join('\n');

/**
 * Before the bot answers a resident's message: stays silent while a person has the session (checked with
 * WeCom, so a session ended meanwhile gives the resident back to the bot), and sends first what was held
 * for them. Returns false when the bot must not answer.
 */
export async function beforeResident(deps: KfConversationDeps, message: InboundMessage): Promise<boolean> {
  const { models } = deps;
  const externalUserId = externalUserIdOf(message.fromUser);
  const openKfId = message.kf?.openKfId;
  if (!externalUserId || !openKfId) return true;
  const contact = await models.KfContact.findOne({ openKfId, externalUserId });
  if (contact?.handedOver) {
    const { state } = await deps.kf.getServiceState(openKfId, externalUserId);
    if (PERSON_STATES.has(state)) {
      deps.log.info(
        { dedupeKey: message.dedupeKey, state },
        'a person has this kf session; the bot stays silent',
      );
      return false;
    }
    await models.KfContact.updateOne({ _id: contact._id }, { $set: { handedOver: false, handedOverTo: '' } });
  }
  await releaseHeld(models, deps.outbound, message.fromUser, externalUserId, message.dedupeKey);
  return true;
}

/** kf's system events: welcome, a delivery that failed, a session ended, a message recalled. */
export async function onKfEvent(deps: KfConversationDeps, event: OtherEvent): Promise<void> {
  const { models, log } = deps;
  const f = event.fields;
  switch (event.event) {
    case 'kf_enter_session': {
      if (!f.welcome_code) return;
      const account = await models.KfAccount.findOne({ openKfId: f.open_kfid ?? event.kf?.openKfId ?? '' });
      const community = await communityOfAccount(models, account);
      try {
        await deps.kf.sendMsgOnEvent({
          code: f.welcome_code,
          msgid: kfMsgid(`welcome-${event.dedupeKey}`),
          text: welcomeText(community?.name ?? '社区'),
        });
      } catch (err) {
        // The code lasts 20 seconds and serves once: late or already used, the welcome is simply skipped.
        if (!(err instanceof WecomApiError) || err.kind !== 'permanent') throw err;
        log.info({ errcode: err.errcode }, 'kf welcome not sent');
      }
      return;
    }
    case 'kf_msg_send_fail': {
      const sent = await models.KfOutbox.findOneAndUpdate(
        { msgid: f.fail_msgid ?? '', state: 'sent' },
        { $set: { state: 'held', heldReason: `fail_type ${f.fail_type ?? ''}` } },
      );
      if (!sent) return;
      log.info({ failType: f.fail_type }, 'kf message not delivered; held for the resident’s next message');
      const reason: HoldReason = f.fail_type === '4' ? 'window' : f.fail_type === '6' ? 'limit' : 'failed';
      await tellHandlerUnreached(models, deps.outbound, sent.key, sent.complaintId ?? null, reason);
      return;
    }
    case 'kf_session_status_change': {
      if (Number(f.change_type) !== SESSION_ENDED) return;
      // The person is done: the bot answers the resident again.
      await models.KfContact.updateOne(
        { openKfId: f.open_kfid ?? '', externalUserId: f.external_userid ?? '' },
        { $set: { handedOver: false, handedOverTo: '' } },
      );
      return;
    }
    case 'kf_user_recall_msg': {
      const complaint = await models.Complaint.findOne(
        { sourceKey: kfDedupeKey(f.recall_msgid ?? '') },
        { number: 1, handlerUserId: 1 },
      );
      if (!complaint?.handlerUserId) return;
      await enqueueOutbound(deps.outbound, `kfrecall-${event.dedupeKey}`, {
        touser: [complaint.handlerUserId],
        content: {
          type: 'text',
          content: `诉求 ${complaint.number} 的反映人在微信里撤回了反映时发的那条消息，诉求照常办理；如有疑问请与反映人联系。`,
        },
        purpose: 'kf-recall',
      });
      return;
    }
    default:
      log.debug({ event: event.event }, 'kf event needs nothing');
  }
}
