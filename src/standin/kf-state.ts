import { randomBytes } from 'node:crypto';
import { isRecord, OK, type WecomError, wecomError } from './http-io.js';

/**
 * 微信客服 (kf) as WeCom runs it for the corp (platform doc §10.2): accounts, customers writing from WeChat,
 * the message log read with sync_msg cursors (3 days kept), callback tokens (10 min), send_msg with the
 * 48 h / 5-messages-per-customer-message rules, welcome codes (20 s), session states and their transitions.
 * Assumptions where the docs are silent are marked "unconfirmed".
 */

const HOUR = 3600 * 1000;
const HORIZON_MS = 72 * HOUR;
const WINDOW_MS = 48 * HOUR;
const MAX_PER_CUSTOMER_MESSAGE = 5;
const CALLBACK_TOKEN_MS = 10 * 60 * 1000;
const WELCOME_CODE_MS = 20 * 1000;
const MAX_PAGE = 1000;
const MSGID = /^[0-9a-zA-Z_-]{1,32}$/;

/** 0 未处理, 1 智能助手接待, 2 待接入池排队, 3 人工接待, 4 已结束/未开始. */
export type ServiceState = 0 | 1 | 2 | 3 | 4;

/** What a customer sends from WeChat (a pulled message's msgtype and its part). */
export type CustomerContent =
  | { msgtype: 'text'; text: { content: string } }
  | { msgtype: 'image'; image: { media_id: string } }
  | { msgtype: 'voice'; voice: { media_id: string } }
  | {
      msgtype: 'location';
      location: { latitude: number; longitude: number; name: string; address: string };
    };

/** One entry of sync_msg's msg_list. */
export interface PulledMessage {
  msgid: string;
  open_kfid: string;
  external_userid: string;
  send_time: number;
  /** 3 customer, 4 system event, 5 receptionist. */
  origin: 3 | 4 | 5;
  msgtype: string;
  [part: string]: unknown;
}

/** A message the corp sent to a customer (send_msg or send_msg_on_event). */
export interface KfSentMessage {
  open_kfid: string;
  external_userid: string;
  msgid: string;
  msgtype: string;
  body: Record<string, unknown>;
  via: 'send_msg' | 'send_msg_on_event';
  at: string;
  /** fail_type of the msg_send_fail event that followed, if any. */
  failed?: number;
}

interface Session {
  state: ServiceState;
  servicer: string;
  lastCustomerAt: number | null;
  /** Messages sent since the customer's last message. */
  sentSince: number;
  lastWelcomeAt: number | null;
}

interface Logged {
  seq: number;
  at: number;
  message: PulledMessage;
}

export interface KfAccountSeed {
  openKfId: string;
  name: string;
  /** Receptionists (接待人员) who may take a session over (service state 3). */
  servicers?: string[];
}

/** What the bot needs after a customer acts: the callback's Token, valid 10 minutes. */
export interface KfCallback {
  openKfId: string;
  token: string;
  msgid: string;
}

const kfOf = (openKfId: string, ext: string) => `${openKfId}|${ext}`;

export class KfStandin {
  readonly #now: () => number;
  readonly #onSent: (m: KfSentMessage) => void;
  #accounts = new Map<string, { name: string; servicers: Set<string> }>();
  #customers = new Map<string, { nickname: string; unionid: string }>();
  #sessions = new Map<string, Session>();
  #log: Logged[] = [];
  #seq = 0;
  #tokens = new Map<string, number>();
  #welcomeCodes = new Map<string, { key: string; expiresAt: number }>();
  #sentIds = new Map<string, KfSentMessage>();
  #emptyPages = new Map<string, number>();
  sent: KfSentMessage[] = [];
  syncCalls = 0;

  constructor(now: () => number, onSent: (m: KfSentMessage) => void) {
    this.#now = now;
    this.#onSent = onSent;
  }

  clear(): void {
    this.#accounts.clear();
    this.#customers.clear();
    this.#sessions.clear();
    this.#log = [];
    this.#tokens.clear();
    this.#welcomeCodes.clear();
    this.#sentIds.clear();
    this.#emptyPages.clear();
    this.sent = [];
    this.syncCalls = 0;
  }

  // ── what customers, receptionists and the admin do (control side) ──

  addAccount(seed: KfAccountSeed): void {
    this.#accounts.set(seed.openKfId, { name: seed.name, servicers: new Set(seed.servicers ?? []) });
  }

  accounts(): Array<{ openKfId: string; name: string }> {
    return [...this.#accounts].map(([openKfId, a]) => ({ openKfId, name: a.name }));
  }

  /** A WeChat user opens the kf link: enter_session, with a welcome_code when a welcome may be sent. */
  enter(openKfId: string, ext: string, p: { nickname?: string; scene?: string } = {}): KfCallback {
    const session = this.#open(openKfId, ext, p.nickname);
    const now = this.#now();
    const quiet = (at: number | null) => at === null || now - at > WINDOW_MS;
    const event: Record<string, unknown> = {
      event_type: 'enter_session',
      open_kfid: openKfId,
      external_userid: ext,
      scene: p.scene ?? '',
      scene_param: '',
    };
    if (quiet(session.lastCustomerAt) && quiet(session.lastWelcomeAt)) {
      const code = randomBytes(24).toString('base64url');
      this.#welcomeCodes.set(code, { key: kfOf(openKfId, ext), expiresAt: now + WELCOME_CODE_MS });
      event.welcome_code = code;
    }
    return this.#append(openKfId, ext, 4, { msgtype: 'event', event });
  }

  /** A WeChat user writes: logged for sync_msg, the 48 h window reopens and the 5-message count restarts. */
  customerSays(openKfId: string, ext: string, content: CustomerContent, nickname?: string): KfCallback {
    const session = this.#open(openKfId, ext, nickname);
    session.lastCustomerAt = this.#now();
    session.sentSince = 0;
    return this.#append(openKfId, ext, 3, content);
  }

  /** WeChat could not deliver what send_msg accepted (fail_type 4 >48 h, 5 session closed, 6 >5, 10 rejected …). */
  failDelivery(msgid: string, failType: number): KfCallback {
    const sent = this.sent.find((m) => m.msgid === msgid);
    if (!sent) throw new Error(`no message ${msgid} was sent`);
    sent.failed = failType;
    return this.#append(sent.open_kfid, sent.external_userid, 4, {
      msgtype: 'event',
      event: {
        event_type: 'msg_send_fail',
        open_kfid: sent.open_kfid,
        external_userid: sent.external_userid,
        fail_msgid: msgid,
        fail_type: failType,
      },
    });
  }

  /** A receptionist (or the customer's silence) ends the session: state 4, session_status_change. */
  endSession(openKfId: string, ext: string): KfCallback {
    const session = this.#session(openKfId, ext);
    if (!session) throw new Error(`no session of ${ext} with ${openKfId}`);
    const old = session.servicer;
    session.state = 4;
    session.servicer = '';
    return this.#append(openKfId, ext, 4, {
      msgtype: 'event',
      event: {
        event_type: 'session_status_change',
        open_kfid: openKfId,
        external_userid: ext,
        change_type: 3,
        old_servicer_userid: old,
      },
    });
  }

  /** The customer recalls a message within 2 minutes. */
  recall(openKfId: string, ext: string, msgid: string): KfCallback {
    return this.#append(openKfId, ext, 4, {
      msgtype: 'event',
      event: {
        event_type: 'user_recall_msg',
        open_kfid: openKfId,
        external_userid: ext,
        recall_msgid: msgid,
      },
    });
  }

  /** The next `pages` sync_msg calls for the account answer an empty page with has_more = 1 (as WeCom may). */
  injectEmptyPages(openKfId: string, pages: number): void {
    this.#emptyPages.set(openKfId, (this.#emptyPages.get(openKfId) ?? 0) + pages);
  }

  session(openKfId: string, ext: string): Readonly<Session> | undefined {
    return this.#session(openKfId, ext);
  }

  /** Messages the customer received (or was sent), oldest first. */
  sentTo(ext: string): KfSentMessage[] {
    return this.sent.filter((m) => m.external_userid === ext);
  }

  // ── the APIs ──

  syncMsg(body: Record<string, unknown>): object | WecomError {
    this.syncCalls++;
    const now = this.#now();
    const openKfId = typeof body.open_kfid === 'string' ? body.open_kfid : '';
    if (openKfId && !this.#accounts.has(openKfId)) return wecomError(95000, 'invalid open_kfid');
    if (body.token !== undefined && body.token !== '') {
      const expiresAt = this.#tokens.get(String(body.token));
      if (expiresAt === undefined || now >= expiresAt) return wecomError(95007, 'invalid msg token');
    }
    const limit = body.limit === undefined ? MAX_PAGE : Number(body.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE)
      return wecomError(40058, 'invalid limit: 1–1000');
    let after = 0;
    if (body.cursor !== undefined && body.cursor !== '') {
      const seq = decodeCursor(String(body.cursor));
      if (seq === null) return wecomError(40058, 'invalid cursor');
      after = seq;
    }
    if (openKfId && (this.#emptyPages.get(openKfId) ?? 0) > 0) {
      this.#emptyPages.set(openKfId, (this.#emptyPages.get(openKfId) ?? 0) - 1);
      return { ...OK, next_cursor: encodeCursor(after), has_more: 1, msg_list: [] };
    }
    // Only the last 3 days are kept: an old cursor reads on from what is left.
    const visible = this.#log.filter(
      (l) => l.seq > after && now - l.at <= HORIZON_MS && (!openKfId || l.message.open_kfid === openKfId),
    );
    const page = visible.slice(0, limit);
    const last = page.at(-1)?.seq ?? Math.max(after, this.#log.at(-1)?.seq ?? 0);
    return {
      ...OK,
      next_cursor: encodeCursor(last),
      has_more: visible.length > limit ? 1 : 0,
      msg_list: page.map((l) => l.message),
    };
  }

  sendMsg(body: Record<string, unknown>, mediaExists: (id: string) => boolean): object | WecomError {
    const { touser, open_kfid: openKfId, msgtype } = body;
    if (typeof touser !== 'string' || typeof openKfId !== 'string' || typeof msgtype !== 'string')
      return wecomError(40058, 'invalid parameter: touser, open_kfid and msgtype are required');
    if (!this.#accounts.has(openKfId)) return wecomError(95000, 'invalid open_kfid');
    if (!this.#customers.has(touser)) return wecomError(40096, 'invalid external_userid');
    const msgid = body.msgid === undefined ? randomBytes(16).toString('hex') : String(body.msgid);
    if (!MSGID.test(msgid)) return wecomError(40058, 'invalid msgid: ≤32 bytes of [0-9a-zA-Z_-]');
    const key = `${openKfId}|${msgid}`;
    // A msgid already used for this account is not delivered again (unconfirmed: WeCom's exact answer).
    if (this.#sentIds.has(key)) return { ...OK, msgid };
    const bad = checkContent(msgtype, body, mediaExists);
    if (bad) return bad;
    const session = this.#session(openKfId, touser);
    if (!session || (session.state !== 0 && session.state !== 1))
      return wecomError(95018, 'session state does not allow sending');
    if (session.lastCustomerAt === null || this.#now() - session.lastCustomerAt > WINDOW_MS)
      return wecomError(95002, 'over 48 hours since the customer last wrote');
    if (session.sentSince >= MAX_PER_CUSTOMER_MESSAGE)
      return wecomError(95001, 'over 5 messages since the customer last wrote');
    session.sentSince++;
    this.#record({ open_kfid: openKfId, external_userid: touser, msgid, msgtype, body, via: 'send_msg' });
    return { ...OK, msgid };
  }

  sendMsgOnEvent(body: Record<string, unknown>): object | WecomError {
    const code = typeof body.code === 'string' ? body.code : '';
    const issued = this.#welcomeCodes.get(code);
    if (!issued || this.#now() >= issued.expiresAt) return wecomError(95007, 'invalid or expired code');
    const msgtype = String(body.msgtype ?? '');
    if (msgtype !== 'text' && msgtype !== 'msgmenu')
      return wecomError(40058, 'welcome messages are text or msgmenu');
    const bad = checkContent(msgtype, body, () => false);
    if (bad) return bad;
    const msgid = body.msgid === undefined ? randomBytes(16).toString('hex') : String(body.msgid);
    if (!MSGID.test(msgid)) return wecomError(40058, 'invalid msgid: ≤32 bytes of [0-9a-zA-Z_-]');
    this.#welcomeCodes.delete(code);
    const [openKfId = '', ext = ''] = issued.key.split('|');
    const session = this.#session(openKfId, ext);
    if (session) session.lastWelcomeAt = this.#now();
    this.#record({
      open_kfid: openKfId,
      external_userid: ext,
      msgid,
      msgtype,
      body,
      via: 'send_msg_on_event',
    });
    return { ...OK, msgid };
  }

  serviceStateGet(body: Record<string, unknown>): object | WecomError {
    const session = this.#session(String(body.open_kfid), String(body.external_userid));
    if (!this.#accounts.has(String(body.open_kfid))) return wecomError(95000, 'invalid open_kfid');
    return { ...OK, service_state: session?.state ?? 4, servicer_userid: session?.servicer ?? '' };
  }

  serviceStateTrans(body: Record<string, unknown>): object | WecomError {
    const openKfId = String(body.open_kfid);
    const account = this.#accounts.get(openKfId);
    if (!account) return wecomError(95000, 'invalid open_kfid');
    const session = this.#session(openKfId, String(body.external_userid));
    const to = Number(body.service_state);
    if (!session || !allowed(session.state, to)) return wecomError(95016, 'state change not allowed');
    const servicer = typeof body.servicer_userid === 'string' ? body.servicer_userid : '';
    if (to === 3 && !account.servicers.has(servicer))
      return wecomError(95014, 'servicer_userid is not a receptionist of this account');
    session.state = to as ServiceState;
    session.servicer = to === 3 ? servicer : '';
    return OK;
  }

  accountList(body: Record<string, unknown>): object {
    const offset = Number(body.offset ?? 0) || 0;
    const limit = Math.min(Number(body.limit ?? 100) || 100, 100);
    return {
      ...OK,
      account_list: [...this.#accounts]
        .slice(offset, offset + limit)
        .map(([id, a]) => ({ open_kfid: id, name: a.name, avatar: '', manage_privilege: true })),
    };
  }

  addContactWay(body: Record<string, unknown>): object | WecomError {
    const openKfId = String(body.open_kfid);
    if (!this.#accounts.has(openKfId)) return wecomError(95000, 'invalid open_kfid');
    const scene = body.scene === undefined ? '' : String(body.scene);
    if (scene && !MSGID.test(scene)) return wecomError(40058, 'invalid scene: ≤32 bytes of [0-9a-zA-Z_-]');
    const code = Buffer.from(openKfId).toString('hex').slice(0, 16);
    return { ...OK, url: `https://work.weixin.qq.com/kfid/kfc${code}${scene ? `?enc_scene=${scene}` : ''}` };
  }

  customerBatchget(body: Record<string, unknown>): object | WecomError {
    const ids = body.external_userid_list;
    if (!Array.isArray(ids) || ids.length === 0 || ids.length > 100)
      return wecomError(40058, 'external_userid_list: 1–100 ids');
    const known = ids.filter((id): id is string => typeof id === 'string' && this.#customers.has(id));
    return {
      ...OK,
      customer_list: known.map((id) => {
        const c = this.#customers.get(id)!;
        return { external_userid: id, nickname: c.nickname, avatar: '', gender: 0, unionid: c.unionid };
      }),
      invalid_external_userid: ids.filter((id) => !known.includes(id as string)),
    };
  }

  // ── internals ──

  #session(openKfId: string, ext: string): Session | undefined {
    return this.#sessions.get(kfOf(openKfId, ext));
  }

  /** A customer shows up: known from now on; an ended or new session starts as 未处理. */
  #open(openKfId: string, ext: string, nickname?: string): Session {
    if (!this.#accounts.has(openKfId)) throw new Error(`no kf account ${openKfId}`);
    if (!/^[0-9a-zA-Z_-]{1,64}$/.test(ext)) throw new Error('external_userid: letters, digits, _ and -');
    const customer = this.#customers.get(ext);
    if (!customer)
      this.#customers.set(ext, { nickname: nickname ?? '微信用户', unionid: `o${ext.slice(-12)}` });
    else if (nickname) customer.nickname = nickname;
    let session = this.#session(openKfId, ext);
    if (!session) {
      session = { state: 0, servicer: '', lastCustomerAt: null, sentSince: 0, lastWelcomeAt: null };
      this.#sessions.set(kfOf(openKfId, ext), session);
    } else if (session.state === 4) {
      session.state = 0;
    }
    return session;
  }

  #append(openKfId: string, ext: string, origin: 3 | 4, content: Record<string, unknown>): KfCallback {
    const at = this.#now();
    const msgid = `${origin === 3 ? 'from' : 'evt'}_msgid_${randomBytes(9).toString('hex')}`;
    this.#log.push({
      seq: ++this.#seq,
      at,
      message: {
        msgid,
        open_kfid: openKfId,
        external_userid: ext,
        send_time: Math.floor(at / 1000),
        origin,
        msgtype: String(content.msgtype),
        ...content,
      },
    });
    const token = randomBytes(24).toString('base64url');
    this.#tokens.set(token, at + CALLBACK_TOKEN_MS);
    return { openKfId, token, msgid };
  }

  #record(m: Omit<KfSentMessage, 'at'>): void {
    const sent = { ...m, at: new Date(this.#now()).toISOString() };
    this.#sentIds.set(`${m.open_kfid}|${m.msgid}`, sent);
    this.sent.push(sent);
    this.#onSent(sent);
  }
}

/** Which service-state changes trans allows (unconfirmed in detail: the doc lists them as a table). */
function allowed(from: ServiceState, to: number): boolean {
  const table: Record<ServiceState, number[]> = {
    0: [1, 2, 3, 4],
    1: [2, 3, 4],
    2: [3, 4],
    3: [3, 4],
    4: [],
  };
  return table[from].includes(to);
}

function checkContent(
  msgtype: string,
  body: Record<string, unknown>,
  mediaExists: (id: string) => boolean,
): WecomError | undefined {
  const part = body[msgtype];
  if (!isRecord(part)) return wecomError(40058, `invalid parameter: ${msgtype} missing`);
  if (msgtype === 'text') {
    const content = typeof part.content === 'string' ? part.content : '';
    if (!content) return wecomError(44004, 'text content empty');
    if (Buffer.byteLength(content) > 2048) return wecomError(40058, 'text content over 2048 bytes');
    return undefined;
  }
  if (msgtype === 'image' || msgtype === 'voice' || msgtype === 'file' || msgtype === 'video')
    return mediaExists(String(part.media_id)) ? undefined : wecomError(40007, 'invalid media_id');
  if (msgtype === 'link' || msgtype === 'msgmenu' || msgtype === 'location') return undefined;
  return wecomError(40008, `invalid message type ${msgtype}`);
}

function encodeCursor(seq: number): string {
  return Buffer.from(`kfc1:${seq}`).toString('base64url');
}

function decodeCursor(cursor: string): number | null {
  const m = /^kfc1:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return m ? Number(m[1]) : null;
}
