import { randomBytes } from 'node:crypto';

/** Decrypted inbound XML as WeCom builds it (platform doc §2.1/§2.2): CDATA for strings, bare numbers. */

export interface InboundBase {
  corpId: string;
  fromUser: string;
  agentId: number;
  /** Unix seconds; defaults to now. */
  createTime?: number;
}

type Field = [name: string, value: string | number];

const MSG_ID_FLOOR = 7n * 10n ** 18n;

/** 19-digit decimal > 2^53 and < 2^63, as WeCom's 64-bit MsgIds are; built with BigInt so no digit is lost. */
export function newMsgId(): string {
  return (MSG_ID_FLOOR + (randomBytes(8).readBigUInt64BE() % 10n ** 18n)).toString();
}

function cdata(value: string): string {
  // A literal "]]>" would close the section early; split it across two sections.
  return `<![CDATA[${value.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

function element([name, value]: Field): string {
  return `<${name}>${typeof value === 'number' ? value : cdata(value)}</${name}>`;
}

function head(p: InboundBase, msgType: string): Field[] {
  return [
    ['ToUserName', p.corpId],
    ['FromUserName', p.fromUser],
    ['CreateTime', p.createTime ?? Math.floor(Date.now() / 1000)],
    ['MsgType', msgType],
  ];
}

function xml(fields: Field[], tail = ''): string {
  return `<xml>${fields.map(element).join('')}${tail}</xml>`;
}

/** MsgId is a bare 64-bit integer in WeCom's XML; keep it a string end to end. */
function message(
  p: InboundBase,
  msgType: string,
  body: Field[],
  msgId: string | undefined,
  tail = '',
): string {
  return xml(
    [...head(p, msgType), ...body],
    `<MsgId>${msgId ?? newMsgId()}</MsgId><AgentID>${p.agentId}</AgentID>${tail}`,
  );
}

export function textMessageXml(p: InboundBase & { content: string; msgId?: string }): string {
  return message(p, 'text', [['Content', p.content]], p.msgId);
}

export function imageMessageXml(
  p: InboundBase & { mediaId: string; picUrl?: string; msgId?: string },
): string {
  const picUrl = p.picUrl ?? `https://wework.qpic.cn/wwpic/${p.mediaId}/0`;
  return message(
    p,
    'image',
    [
      ['PicUrl', picUrl],
      ['MediaId', p.mediaId],
    ],
    p.msgId,
  );
}

export function voiceMessageXml(
  p: InboundBase & { mediaId: string; format?: string; msgId?: string },
): string {
  return message(
    p,
    'voice',
    [
      ['MediaId', p.mediaId],
      ['Format', p.format ?? 'amr'],
    ],
    p.msgId,
  );
}

export function locationMessageXml(
  p: InboundBase & { latitude: number; longitude: number; scale?: number; label?: string; msgId?: string },
): string {
  const body: Field[] = [
    ['Location_X', p.latitude],
    ['Location_Y', p.longitude],
    ['Scale', p.scale ?? 15],
    ['Label', p.label ?? ''],
  ];
  // AppType follows AgentID, as in WeCom's sample.
  return message(p, 'location', body, p.msgId, element(['AppType', 'wxwork']));
}

/** These events carry an empty EventKey in WeCom's payloads. */
const EMPTY_KEY_EVENTS = new Set(['subscribe', 'unsubscribe', 'enter_agent']);

export function eventXml(
  p: InboundBase & { event: string; fields?: Record<string, string | number> },
): string {
  const fields = { ...p.fields };
  if (EMPTY_KEY_EVENTS.has(p.event) && fields.EventKey === undefined) fields.EventKey = '';
  return xml(
    [...head(p, 'event'), ['Event', p.event], ...Object.entries(fields)],
    `<AgentID>${p.agentId}</AgentID>`,
  );
}

export interface SelectedItem {
  questionKey: string;
  optionIds: string[];
}

export function templateCardEventXml(
  p: InboundBase & {
    eventKey: string;
    taskId: string;
    responseCode: string;
    cardType?: string;
    selectedItems?: SelectedItem[];
  },
): string {
  const selected = p.selectedItems?.length
    ? `<SelectedItems>${p.selectedItems
        .map(
          (s) =>
            `<SelectedItem>${element(['QuestionKey', s.questionKey])}<OptionIds>${s.optionIds
              .map((o) => element(['OptionId', o]))
              .join('')}</OptionIds></SelectedItem>`,
        )
        .join('')}</SelectedItems>`
    : '';
  return xml(
    [
      ...head(p, 'event'),
      ['Event', 'template_card_event'],
      ['EventKey', p.eventKey],
      ['TaskId', p.taskId],
      ['CardType', p.cardType ?? 'button_interaction'],
      ['ResponseCode', p.responseCode],
    ],
    `<AgentID>${p.agentId}</AgentID>${selected}`,
  );
}

/**
 * 微信客服's callback (platform doc §10.2): no sender and no content, only a Token (valid 10 min) and the
 * account to pull; WeCom sends it to the app's callback URL like any event.
 */
export function kfEventXml(p: {
  corpId: string;
  createTime?: number;
  token: string;
  openKfId: string;
}): string {
  return xml([
    ['ToUserName', p.corpId],
    ['CreateTime', p.createTime ?? Math.floor(Date.now() / 1000)],
    ['MsgType', 'event'],
    ['Event', 'kf_msg_or_event'],
    ['Token', p.token],
    ['OpenKfId', p.openKfId],
  ]);
}
