import { createHash } from 'node:crypto';
import type { KfPulledMessage } from '../wecom/api/kf.js';
import type { InboundMessage } from '../wecom/inbound.js';
import { kfAddress } from './address.js';

/** WeChat customer (3) and system event (4); a receptionist's own messages (5) are not the bot's to answer. */
const CUSTOMER = 3;
const SYSTEM = 4;

/** A BullMQ job id from a kf msgid: kept when it is plain, hashed when it holds anything else (':' is refused). */
export function kfDedupeKey(msgid: string): string {
  return /^[\w-]{1,100}$/.test(msgid)
    ? `kf-${msgid}`
    : `kf-${createHash('sha1').update(msgid).digest('hex')}`;
}

/**
 * One pulled kf message as the bot's typed inbound message (pure): the sender is the resident's kf address,
 * the dedupe key its msgid. Null for what the bot does not handle (receptionists' messages).
 */
export function kfInbound(m: KfPulledMessage, corpId: string): InboundMessage | null {
  if (m.origin !== CUSTOMER && m.origin !== SYSTEM) return null;
  const ext = m.event?.external_userid ?? m.external_userid;
  const common = {
    dedupeKey: kfDedupeKey(m.msgid),
    corpId,
    fromUser: ext ? kfAddress(ext) : '',
    createTime: m.send_time,
    agentId: null,
    kf: { openKfId: m.open_kfid || String(m.event?.open_kfid ?? '') },
  };
  const message = { ...common, msgId: m.msgid };
  switch (m.msgtype) {
    case 'text':
      return { ...message, kind: 'text', content: m.text?.content ?? '' };
    case 'image':
      return { ...message, kind: 'image', mediaId: m.image?.media_id ?? '', picUrl: '' };
    case 'voice':
      return { ...message, kind: 'voice', mediaId: m.voice?.media_id ?? '', format: 'amr' };
    case 'location': {
      const l = m.location;
      return {
        ...message,
        kind: 'location',
        latitude: Number(l?.latitude),
        longitude: Number(l?.longitude),
        scale: 0,
        // WeChat gives a place name and an address; the label is where a building number shows up.
        label: [l?.address, l?.name].filter(Boolean).join(' '),
      };
    }
    case 'event': {
      const fields = Object.fromEntries(
        Object.entries(m.event ?? {}).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
      );
      return { ...common, kind: 'event', event: `kf_${m.event?.event_type ?? 'unknown'}`, fields };
    }
    default:
      return { ...message, kind: 'unknown', msgType: m.msgtype, fields: {} };
  }
}
