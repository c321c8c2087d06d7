import { createHash } from 'node:crypto';
import { parseWecomXml, text, XmlError, type XmlNode, type XmlObject } from './xml.js';

/** A decrypted WeCom callback, typed. Every value WeCom sends as a number that may exceed 2^53 stays a string. */
interface Common {
  /** BullMQ job id and dedupe key: `msg-<MsgId>` for messages, `evt-<sha1 of the XML>` for events. */
  dedupeKey: string;
  corpId: string;
  fromUser: string;
  /** Unix seconds, as WeCom sends it. */
  createTime: number;
  agentId: string | null;
  /** Set when it came through 微信客服 (pulled with kf/sync_msg), with the account the resident wrote to. */
  kf?: { openKfId: string };
}

interface MessageCommon extends Common {
  msgId: string;
}

export interface TextMessage extends MessageCommon {
  kind: 'text';
  content: string;
}
export interface ImageMessage extends MessageCommon {
  kind: 'image';
  mediaId: string;
  picUrl: string;
}
export interface VoiceMessage extends MessageCommon {
  kind: 'voice';
  mediaId: string;
  format: string;
}
export interface VideoMessage extends MessageCommon {
  kind: 'video';
  mediaId: string;
  thumbMediaId: string;
}
export interface LocationMessage extends MessageCommon {
  kind: 'location';
  latitude: number;
  longitude: number;
  scale: number;
  label: string;
}
export interface LinkMessage extends MessageCommon {
  kind: 'link';
  title: string;
  description: string;
  url: string;
}

interface EventCommon extends Common {
  kind: 'event';
}
export interface LifecycleEvent extends EventCommon {
  event: 'subscribe' | 'unsubscribe' | 'enter_agent';
}
export interface MenuEvent extends EventCommon {
  event: 'click' | 'view';
  eventKey: string;
}
export interface LocationReportEvent extends EventCommon {
  event: 'LOCATION';
  latitude: number;
  longitude: number;
  precision: number;
}
export interface TemplateCardEvent extends EventCommon {
  event: 'template_card_event';
  eventKey: string;
  taskId: string;
  cardType: string;
  responseCode: string;
  selectedItems: Array<{ questionKey: string; optionIds: string[] }>;
}
/** An event we do not model yet: kept with its fields, never dropped. */
export interface OtherEvent extends EventCommon {
  event: string;
  fields: Record<string, string>;
}
/** A message type we do not model: kept, answered politely. */
export interface UnknownMessage extends Common {
  kind: 'unknown';
  msgType: string;
  msgId: string | null;
  fields: Record<string, string>;
}

export type InboundEvent = LifecycleEvent | MenuEvent | LocationReportEvent | TemplateCardEvent | OtherEvent;
export type InboundMessage =
  | TextMessage
  | ImageMessage
  | VoiceMessage
  | VideoMessage
  | LocationMessage
  | LinkMessage
  | InboundEvent
  | UnknownMessage;

export class InboundFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InboundFormatError';
  }
}

function required(node: XmlObject, key: string): string {
  const value = text(node, key);
  if (value === undefined || value === '') throw new InboundFormatError(`missing <${key}>`);
  return value;
}

function optional(node: XmlObject, key: string): string {
  return text(node, key) ?? '';
}

function decimal(node: XmlObject, key: string): number {
  const value = Number(required(node, key));
  if (!Number.isFinite(value)) throw new InboundFormatError(`<${key}> is not a number`);
  return value;
}

function flatFields(node: XmlObject): Record<string, string> {
  return Object.fromEntries(
    Object.entries(node).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}

function asObjects(node: XmlNode | undefined): XmlObject[] {
  return Array.isArray(node)
    ? node.filter((n): n is XmlObject => typeof n === 'object' && !Array.isArray(n))
    : [];
}

function selectedItems(node: XmlObject): TemplateCardEvent['selectedItems'] {
  const container = node.SelectedItems;
  if (typeof container !== 'object' || Array.isArray(container)) return [];
  return asObjects(container.SelectedItem).map((item) => {
    const ids =
      typeof item.OptionIds === 'object' && !Array.isArray(item.OptionIds) ? item.OptionIds.OptionId : [];
    return {
      questionKey: optional(item, 'QuestionKey'),
      optionIds: Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [],
    };
  });
}

function parseEvent(node: XmlObject, common: Common): InboundEvent {
  const event = required(node, 'Event');
  const base = { ...common, kind: 'event' as const };
  switch (event) {
    case 'subscribe':
    case 'unsubscribe':
    case 'enter_agent':
      return { ...base, event };
    case 'click':
    case 'view':
      return { ...base, event, eventKey: optional(node, 'EventKey') };
    case 'LOCATION':
      return {
        ...base,
        event,
        latitude: decimal(node, 'Latitude'),
        longitude: decimal(node, 'Longitude'),
        precision: Number(optional(node, 'Precision')) || 0,
      };
    case 'template_card_event':
      return {
        ...base,
        event,
        eventKey: optional(node, 'EventKey'),
        taskId: required(node, 'TaskId'),
        cardType: optional(node, 'CardType'),
        responseCode: required(node, 'ResponseCode'),
        selectedItems: selectedItems(node),
      };
    default:
      return { ...base, event, fields: flatFields(node) };
  }
}

/** Turns the decrypted XML into a typed message. Throws InboundFormatError (or XmlError) when it is not one. */
export function parseInbound(decryptedXml: string): InboundMessage {
  const node = parseWecomXml(decryptedXml);
  const msgType = required(node, 'MsgType');
  const msgId = text(node, 'MsgId');
  if (msgId !== undefined && !/^\d{1,20}$/.test(msgId)) throw new InboundFormatError('<MsgId> is not an id');
  const createTime = Number(required(node, 'CreateTime'));
  if (!Number.isSafeInteger(createTime)) throw new InboundFormatError('<CreateTime> is not unix seconds');
  const common: Common = {
    // Events have no MsgId, and FromUserName+CreateTime collides within one second: hash the whole XML.
    dedupeKey: msgId ? `msg-${msgId}` : `evt-${createHash('sha1').update(decryptedXml).digest('hex')}`,
    corpId: required(node, 'ToUserName'),
    fromUser: optional(node, 'FromUserName'),
    createTime,
    agentId: text(node, 'AgentID') ?? null,
  };
  if (msgType === 'event') return parseEvent(node, common);
  if (msgId === undefined)
    return { ...common, kind: 'unknown', msgType, msgId: null, fields: flatFields(node) };

  const message = { ...common, msgId };
  switch (msgType) {
    case 'text':
      return { ...message, kind: 'text', content: optional(node, 'Content') };
    case 'image':
      return {
        ...message,
        kind: 'image',
        mediaId: required(node, 'MediaId'),
        picUrl: optional(node, 'PicUrl'),
      };
    case 'voice':
      return {
        ...message,
        kind: 'voice',
        mediaId: required(node, 'MediaId'),
        format: optional(node, 'Format'),
      };
    case 'video':
      return {
        ...message,
        kind: 'video',
        mediaId: required(node, 'MediaId'),
        thumbMediaId: optional(node, 'ThumbMediaId'),
      };
    case 'location':
      return {
        ...message,
        kind: 'location',
        latitude: decimal(node, 'Location_X'),
        longitude: decimal(node, 'Location_Y'),
        scale: Number(optional(node, 'Scale')) || 0,
        label: optional(node, 'Label'),
      };
    case 'link':
      return {
        ...message,
        kind: 'link',
        title: optional(node, 'Title'),
        description: optional(node, 'Description'),
        url: optional(node, 'Url'),
      };
    default:
      return { ...message, kind: 'unknown', msgType, fields: flatFields(node) };
  }
}

export { XmlError };
