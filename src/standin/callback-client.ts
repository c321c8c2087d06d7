import { randomInt } from 'node:crypto';
import {
  eventXml,
  imageMessageXml,
  kfEventXml,
  locationMessageXml,
  newMsgId,
  type SelectedItem,
  templateCardEventXml,
  textMessageXml,
  voiceMessageXml,
} from './inbound-xml.js';
import { aesKeyFrom, decryptMessage, encryptMessage, signature } from './wecom-cipher.js';

export {
  eventXml,
  type InboundBase,
  imageMessageXml,
  kfEventXml,
  locationMessageXml,
  newMsgId,
  type SelectedItem,
  templateCardEventXml,
  textMessageXml,
  voiceMessageXml,
} from './inbound-xml.js';
export { decryptMessage } from './wecom-cipher.js';

export interface CallbackClientOptions {
  /** e.g. http://127.0.0.1:3000/wecom/callback */
  botUrl: string;
  corpId: string;
  agentId: number;
  token: string;
  encodingAesKey: string;
  /** WeCom's clock as the bot should see it (timestamps, CreateTime); tests give the bot's fixed clock. */
  now?: () => Date;
}

export interface CallbackResponse {
  status: number;
  body: string;
}

/** WeCom gives up on a callback after 5 s (platform doc §1.8); so does the stand-in. */
const DEADLINE_MS = 5000;

interface PostOpts {
  timestamp?: number;
  nonce?: string;
}

/** Plays WeCom's side of the callback wire: signs, encrypts and posts to the bot exactly as WeCom does. */
export class WecomCallbackClient {
  readonly #o: CallbackClientOptions;
  readonly #key: Buffer;

  constructor(o: CallbackClientOptions) {
    this.#o = o;
    this.#key = aesKeyFrom(o.encodingAesKey);
  }

  encrypt(xml: string): string {
    return encryptMessage(this.#key, xml, this.#o.corpId);
  }

  sign(timestamp: string, nonce: string, encrypt: string): string {
    return signature(this.#o.token, timestamp, nonce, encrypt);
  }

  /** Builds the signed query + envelope body WITHOUT sending (for benchmarks and rejection tests). */
  buildPost(innerXml: string, opts?: PostOpts): { query: Record<string, string>; url: string; body: string } {
    const timestamp = String(opts?.timestamp ?? this.#seconds());
    const nonce = opts?.nonce ?? randomNonce();
    const encrypt = this.encrypt(innerXml);
    const query = { msg_signature: this.sign(timestamp, nonce, encrypt), timestamp, nonce };
    const body =
      `<xml><ToUserName><![CDATA[${this.#o.corpId}]]></ToUserName>` +
      `<AgentID><![CDATA[${this.#o.agentId}]]></AgentID><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`;
    return { query, url: this.#url(query), body };
  }

  /** The GET the admin console fires on "save": the bot must answer with the decrypted echostr, verbatim. */
  async verifyUrl(): Promise<CallbackResponse & { expected: string }> {
    const expected = randomDigits(19);
    const timestamp = String(this.#seconds());
    const nonce = randomNonce();
    const echostr = this.encrypt(expected);
    const url = this.#url({ msg_signature: this.sign(timestamp, nonce, echostr), timestamp, nonce, echostr });
    const res = await fetch(url, { signal: AbortSignal.timeout(DEADLINE_MS) });
    return { status: res.status, body: await res.text(), expected };
  }

  async postXml(innerXml: string, opts?: PostOpts): Promise<CallbackResponse> {
    const { url, body } = this.buildPost(innerXml, opts);
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'text/xml' },
      body,
      signal: AbortSignal.timeout(DEADLINE_MS),
    });
    return { status: res.status, body: await res.text() };
  }

  /** Opens a passive reply (§3): checks MsgSignature and receiveid, returns the inner XML. */
  openReply(body: string): string {
    const field = (name: string) =>
      new RegExp(`<${name}>(?:<!\\[CDATA\\[)?(.*?)(?:\\]\\]>)?</${name}>`, 's').exec(body)?.[1];
    const [encrypt, sig, timestamp, nonce] = ['Encrypt', 'MsgSignature', 'TimeStamp', 'Nonce'].map(field);
    if (!encrypt || !sig || !timestamp || !nonce) throw new Error('not a passive-reply envelope');
    if (this.sign(timestamp, nonce, encrypt) !== sig) throw new Error('passive reply signature mismatch');
    const { message, receiveId } = decryptMessage(this.#key, encrypt);
    if (receiveId !== this.#o.corpId)
      throw new Error(`passive reply receiveid ${receiveId} is not the corp id`);
    return message;
  }

  sendText(
    fromUser: string,
    content: string,
    opts?: { msgId?: string; createTime?: number },
  ): Promise<CallbackResponse & { msgId: string }> {
    return this.#postMessage(
      (msgId) => textMessageXml({ ...this.#base(fromUser, opts?.createTime), content, msgId }),
      opts?.msgId,
    );
  }

  sendEvent(
    fromUser: string,
    event: string,
    fields?: Record<string, string | number>,
    opts?: { createTime?: number },
  ): Promise<CallbackResponse> {
    return this.postXml(eventXml({ ...this.#base(fromUser, opts?.createTime), event, fields }));
  }

  sendTemplateCardEvent(
    fromUser: string,
    p: {
      eventKey: string;
      taskId: string;
      responseCode: string;
      cardType?: string;
      selectedItems?: SelectedItem[];
    },
  ): Promise<CallbackResponse> {
    return this.postXml(templateCardEventXml({ ...this.#base(fromUser), ...p }));
  }

  sendImage(
    fromUser: string,
    p: { mediaId: string; picUrl?: string },
  ): Promise<CallbackResponse & { msgId: string }> {
    return this.#postMessage((msgId) => imageMessageXml({ ...this.#base(fromUser), ...p, msgId }));
  }

  sendVoice(
    fromUser: string,
    p: { mediaId: string; format?: string },
  ): Promise<CallbackResponse & { msgId: string }> {
    return this.#postMessage((msgId) => voiceMessageXml({ ...this.#base(fromUser), ...p, msgId }));
  }

  sendLocation(
    fromUser: string,
    p: { latitude: number; longitude: number; scale?: number; label?: string },
  ): Promise<CallbackResponse & { msgId: string }> {
    return this.#postMessage((msgId) => locationMessageXml({ ...this.#base(fromUser), ...p, msgId }));
  }

  /** 微信客服's "there is something to pull" callback, with the Token the stand-in issued. */
  sendKfEvent(p: { openKfId: string; token: string }): Promise<CallbackResponse> {
    return this.postXml(kfEventXml({ corpId: this.#o.corpId, createTime: this.#seconds(), ...p }));
  }

  /** Posts the message `xml` builds around its MsgId (a new one unless given), and says which MsgId it was. */
  async #postMessage(
    xml: (msgId: string) => string,
    msgId = newMsgId(),
  ): Promise<CallbackResponse & { msgId: string }> {
    return { ...(await this.postXml(xml(msgId))), msgId };
  }

  #base(fromUser: string, createTime?: number) {
    return {
      corpId: this.#o.corpId,
      agentId: this.#o.agentId,
      fromUser,
      createTime: createTime ?? this.#seconds(),
    };
  }

  #seconds(): number {
    return Math.floor((this.#o.now?.() ?? new Date()).getTime() / 1000);
  }

  #url(query: Record<string, string>): string {
    const url = new URL(this.#o.botUrl);
    // URLSearchParams percent-encodes + / = in echostr, as WeCom does.
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    return url.toString();
  }
}

function randomDigits(n: number): string {
  return Array.from({ length: n }, (_, i) => randomInt(i === 0 ? 1 : 0, 10)).join('');
}

/** WeCom's nonces are short decimal strings (e.g. 263014780). */
function randomNonce(): string {
  return randomDigits(9);
}
