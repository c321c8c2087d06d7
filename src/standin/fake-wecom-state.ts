import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { CardRegistry } from './card-registry.js';
import type { ApiCounts, CardUpdate, FakeWecomApiOptions, RecordedMessage } from './fake-wecom-types.js';
import { isRecord, OK, parseJsonObject, type WecomError, wecomError } from './http-io.js';
import { type KfSentMessage, KfStandin } from './kf-state.js';
import { checkUpload, isMediaType, MediaStore, type StoredMedia } from './media-store.js';
import { checkMenu } from './menu-rules.js';
import {
  checkSendBody,
  type DirectoryUser,
  DuplicateCheck,
  RecipientRateLimiter,
  resolveRecipients,
  truncateForDelivery,
} from './message-rules.js';
import { boundaryOf, type MultipartPart, parseMultipart } from './multipart.js';
import { isCallbackCard } from './template-card-rules.js';
import { TokenRegistry } from './token-registry.js';

export interface CgiRequest {
  query: URLSearchParams;
  body: Buffer | 'too-large';
  contentType: string | undefined;
}

export type Reply = { status?: number; json: object } | { media: StoredMedia };

interface Ctx {
  query: URLSearchParams;
  body: Buffer;
  contentType: string | undefined;
  json: Record<string, unknown>;
}

export interface ApiSpec {
  method: 'GET' | 'POST';
  counter: keyof ApiCounts;
  bodyLimit: number;
  /** gettoken is the only API without an access_token. */
  open?: boolean;
  json?: boolean;
  handle: (s: FakeWecomState, ctx: Ctx) => Reply | WecomError;
}

const MB = 1024 * 1024;

/** Keyed by the path after /cgi-bin/, which is also the name injectFault takes. */
export const CGI_APIS: Readonly<Record<string, ApiSpec>> = {
  gettoken: {
    method: 'GET',
    counter: 'gettoken',
    bodyLimit: MB,
    open: true,
    handle: (s, c) => s.getToken(c),
  },
  'message/send': { method: 'POST', counter: 'send', bodyLimit: MB, json: true, handle: (s, c) => s.send(c) },
  'message/update_template_card': {
    method: 'POST',
    counter: 'updateTemplateCard',
    bodyLimit: MB,
    json: true,
    handle: (s, c) => s.updateCard(c),
  },
  'media/upload': { method: 'POST', counter: 'upload', bodyLimit: 25 * MB, handle: (s, c) => s.upload(c) },
  'media/get': { method: 'GET', counter: 'mediaGet', bodyLimit: MB, handle: (s, c) => s.getMedia(c) },
  'user/get': { method: 'GET', counter: 'userGet', bodyLimit: MB, handle: (s, c) => s.getUser(c) },
  'menu/create': {
    method: 'POST',
    counter: 'menuCreate',
    bodyLimit: MB,
    json: true,
    handle: (s, c) => s.createMenu(c),
  },
  ...kfApi('kf/sync_msg', 'kfSyncMsg', (s, c) => s.kf.syncMsg(c.json)),
  ...kfApi('kf/send_msg', 'kfSendMsg', (s, c) => s.kf.sendMsg(c.json, (id) => s.media.get(id) !== undefined)),
  ...kfApi('kf/send_msg_on_event', 'kfSendMsg', (s, c) => s.kf.sendMsgOnEvent(c.json)),
  ...kfApi('kf/service_state/get', 'kfOther', (s, c) => s.kf.serviceStateGet(c.json)),
  ...kfApi('kf/service_state/trans', 'kfOther', (s, c) => s.kf.serviceStateTrans(c.json)),
  ...kfApi('kf/account/list', 'kfOther', (s, c) => s.kf.accountList(c.json)),
  ...kfApi('kf/add_contact_way', 'kfOther', (s, c) => s.kf.addContactWay(c.json)),
  ...kfApi('kf/customer/batchget', 'kfOther', (s, c) => s.kf.customerBatchget(c.json)),
};

/** 微信客服 APIs: all POST with a JSON body. */
function kfApi(
  api: string,
  counter: keyof ApiCounts,
  handle: (s: FakeWecomState, ctx: Ctx) => object,
): Record<string, ApiSpec> {
  return {
    [api]: {
      method: 'POST',
      counter,
      bodyLimit: MB,
      json: true,
      handle: (s, c) => {
        const reply = handle(s, c);
        return 'errcode' in reply && reply.errcode !== 0 ? (reply as WecomError) : { json: reply };
      },
    },
  };
}

const zeroCounts = (): ApiCounts => ({
  gettoken: 0,
  send: 0,
  updateTemplateCard: 0,
  upload: 0,
  mediaGet: 0,
  userGet: 0,
  menuCreate: 0,
  duplicatesSuppressed: 0,
  kfSyncMsg: 0,
  kfSendMsg: 0,
  kfOther: 0,
});

/** Everything WeCom remembers for one app, and the API semantics over it. */
export class FakeWecomState {
  readonly events = new EventEmitter();
  readonly tokens: TokenRegistry;
  readonly cards = new CardRegistry();
  readonly media = new MediaStore();
  readonly #rate = new RecipientRateLimiter();
  readonly #duplicates = new DuplicateCheck();
  readonly #options: FakeWecomApiOptions;
  readonly now: () => number;
  /** 微信客服: its messages to customers are recorded with the app's (channel 'kf'). */
  readonly kf: KfStandin;
  #directory = new Map<string, DirectoryUser>();
  #faults = new Map<string, Array<{ errcode: number; remaining: number; skip: number }>>();
  messages: RecordedMessage[] = [];
  cardUpdates: CardUpdate[] = [];
  menus: unknown[] = [];
  counts = zeroCounts();
  #seq = 0;

  constructor(options: FakeWecomApiOptions) {
    this.#options = options;
    this.now = options.now ? () => options.now!().getTime() : () => Date.now();
    this.kf = new KfStandin(this.now, (m) => this.#recordKf(m));
    this.#seedKf();
    this.events.setMaxListeners(0); // tests and the SSE endpoint may all listen
    this.tokens = new TokenRegistry(options.tokenTtlSeconds ?? 7200);
    this.setUsers(options.users);
  }

  /** Back to the state right after start (users from the options); 'message' listeners stay. */
  reset(): void {
    this.tokens.clear();
    this.cards.clear();
    this.media.clear();
    this.#rate.clear();
    this.#duplicates.clear();
    this.#faults.clear();
    this.messages = [];
    this.cardUpdates = [];
    this.menus = [];
    this.counts = zeroCounts();
    this.#seq = 0;
    this.setUsers(this.#options.users);
    this.kf.clear();
    this.#seedKf();
  }

  #seedKf(): void {
    for (const account of this.#options.kfAccounts ?? []) this.kf.addAccount(account);
  }

  /** A kf message is listed with the app's messages so one stream and one filter show a person everything. */
  #recordKf(m: KfSentMessage): void {
    const record: RecordedMessage = {
      seq: ++this.#seq,
      at: m.at,
      msgid: m.msgid,
      msgtype: m.msgtype,
      touser: [m.external_userid],
      delivered: [m.external_userid],
      invalid: [],
      dropped: [],
      body: m.body,
      channel: 'kf',
      openKfId: m.open_kfid,
    };
    this.messages.push(record);
    this.events.emit('message', record);
  }

  #mediaFilename(body: Record<string, unknown>): string | undefined {
    const payload = body[String(body.msgtype)];
    const mediaId = isRecord(payload) && typeof payload.media_id === 'string' ? payload.media_id : null;
    return this.media.get(mediaId)?.filename;
  }

  /** Members without a department are put in the root department (id 1). */
  setUsers(users: FakeWecomApiOptions['users']): void {
    this.#directory = new Map(
      (users ?? []).map((u) => [u.userid.toLowerCase(), { ...u, department: u.department ?? [1] }]),
    );
  }

  /**
   * An admin adds someone to the corp and the app's visibility (a resident who joined, not on any Party roster):
   * true when they were not there yet — WeCom then sends the app a `subscribe` event.
   */
  addUser(user: { userid: string; name: string }): boolean {
    const key = user.userid.toLowerCase();
    if (this.#directory.has(key)) return false;
    this.#directory.set(key, { ...user, department: [1] });
    return true;
  }

  /** The menu keys members can click (platform doc §9): click-like items of the menu last pushed. */
  menuItems(): Array<{ key: string; name: string }> {
    const menu = this.menus.at(-1);
    const buttons = isRecord(menu) && Array.isArray(menu.button) ? menu.button : [];
    return buttons
      .flatMap((b) => (isRecord(b) && Array.isArray(b.sub_button) ? b.sub_button : [b]))
      .filter((b): b is Record<string, unknown> => isRecord(b) && typeof b.key === 'string')
      .map((b) => ({ key: String(b.key), name: String(b.name ?? '') }));
  }

  /** Queued after any fault still pending for the same API. */
  /** `after`: calls answered normally before the fault starts (e.g. fail a pull's second page). */
  injectFault(api: string, errcode: number, times: number, after = 0): void {
    if (!Object.hasOwn(CGI_APIS, api)) {
      throw new Error(`unknown WeCom API "${api}"; known: ${Object.keys(CGI_APIS).join(', ')}`);
    }
    if (!Number.isInteger(errcode)) throw new Error('errcode must be an integer');
    if (!Number.isInteger(times) || times < 1) throw new Error('times must be a positive integer');
    this.#faults.set(api, [...(this.#faults.get(api) ?? []), { errcode, remaining: times, skip: after }]);
  }

  findMessages(touser?: string, sinceSeq = 0): RecordedMessage[] {
    const wanted = touser?.toLowerCase();
    return this.messages.filter(
      (m) => m.seq > sinceSeq && (wanted === undefined || m.touser.some((u) => u.toLowerCase() === wanted)),
    );
  }

  /** The pipeline every /cgi-bin call goes through: count, size, injected fault, token, JSON, then the API. */
  handle(api: string, spec: ApiSpec, req: CgiRequest): Reply {
    this.counts[spec.counter]++;
    if (req.body === 'too-large') {
      const errcode = api === 'media/upload' ? 45001 : 45002;
      return { status: 413, json: wecomError(errcode, `request body over ${spec.bodyLimit} bytes`) };
    }
    const fault = this.#takeFault(api);
    if (fault !== undefined) return { json: wecomError(fault, 'injected') };
    if (!spec.open) {
      const bad = this.tokens.check(req.query.get('access_token'));
      if (bad) return { json: bad };
    }
    let json: Record<string, unknown> = {};
    if (spec.json) {
      const parsed = parseJsonObject(req.body);
      if (!parsed) return { json: wecomError(47001, 'data format error') };
      json = parsed;
    }
    const reply = spec.handle(this, { query: req.query, body: req.body, contentType: req.contentType, json });
    return 'errcode' in reply ? { json: reply } : reply;
  }

  #takeFault(api: string): number | undefined {
    const queue = this.#faults.get(api);
    const head = queue?.[0];
    if (!queue || !head) return undefined;
    if (head.skip > 0) {
      head.skip--;
      return undefined;
    }
    if (--head.remaining === 0) queue.shift();
    return head.errcode;
  }

  getToken({ query }: Ctx): Reply | WecomError {
    const corpId = query.get('corpid');
    const secret = query.get('corpsecret');
    if (!corpId) return wecomError(41002, 'corpid missing');
    if (!secret) return wecomError(41004, 'corpsecret missing');
    if (corpId !== this.#options.corpId) return wecomError(40013, 'invalid corpid');
    if (secret !== this.#options.secret) return wecomError(40001, 'invalid secret');
    const expiresIn = this.#options.tokenTtlSeconds ?? 7200;
    return { json: { ...OK, access_token: this.tokens.issue(), expires_in: expiresIn } };
  }

  send({ json: body }: Ctx): Reply | WecomError {
    const bad = checkSendBody(body, this.#options.agentId, (id) => this.media.get(id) !== undefined);
    if (bad) return bad;
    const recipients = resolveRecipients(body, this.#directory);
    if ('errcode' in recipients) return recipients;
    const msgid = randomBytes(24).toString('base64url');
    const original = this.#duplicates.seen(body, msgid);
    if (original !== null) {
      this.counts.duplicatesSuppressed++;
      return { json: { ...OK, invaliduser: recipients.invalidUsers.join('|'), msgid: original } };
    }
    const card =
      body.msgtype === 'template_card' && isRecord(body.template_card) ? body.template_card : undefined;
    const taskId = card && isCallbackCard(card) ? String(card.task_id) : undefined;
    if (taskId !== undefined && !this.cards.claimTask(taskId)) {
      return wecomError(42014, 'invalid task_id: already used by this app');
    }
    const delivered: string[] = [];
    const dropped: string[] = [];
    for (const userid of recipients.valid) (this.#rate.admit(userid) ? delivered : dropped).push(userid);
    const { body: deliveredBody, truncatedFrom } = truncateForDelivery(body);
    const filename = this.#mediaFilename(body);
    const record: RecordedMessage = {
      seq: ++this.#seq,
      at: new Date().toISOString(),
      msgid,
      msgtype: String(body.msgtype),
      touser: recipients.touser,
      delivered,
      invalid: recipients.invalidUsers,
      dropped,
      body: deliveredBody,
      ...(filename !== undefined && { filename }),
      ...(truncatedFrom !== undefined && { truncatedFrom }),
    };
    this.messages.push(record);
    this.events.emit('message', record);
    return {
      json: {
        ...OK,
        invaliduser: recipients.invalidUsers.join('|'),
        ...(recipients.invalidParties.length > 0 && { invalidparty: recipients.invalidParties.join('|') }),
        ...(recipients.invalidTags.length > 0 && { invalidtag: recipients.invalidTags.join('|') }),
        msgid: record.msgid,
        ...(taskId !== undefined && { response_code: this.cards.issue(taskId, recipients.valid) }),
      },
    };
  }

  updateCard({ json: body }: Ctx): Reply | WecomError {
    if (String(body.agentid) !== String(this.#options.agentId)) return wecomError(40056, 'invalid agentid');
    const { button, template_card: card } = body;
    if (isRecord(button)) {
      if (!(typeof button.replace_name === 'string' && button.replace_name)) {
        return wecomError(42020, 'button.replace_name missing');
      }
    } else if (!isRecord(card)) {
      return wecomError(40058, 'invalid parameter: button or template_card required');
    }
    const issued = this.cards.consume(body.response_code);
    if ('errcode' in issued) return issued;
    this.cardUpdates.push({ at: new Date().toISOString(), taskId: issued.taskId, body });
    return { json: { ...OK, invaliduser: '' } };
  }

  upload({ query, body, contentType }: Ctx): Reply | WecomError {
    const type = query.get('type');
    if (!isMediaType(type)) return wecomError(40005, 'invalid media type parameter');
    const boundary = boundaryOf(contentType);
    if (!boundary) return wecomError(44001, 'empty media data: multipart/form-data expected');
    let media: MultipartPart | undefined;
    try {
      media = parseMultipart(body, boundary).find((p) => p.name === 'media');
    } catch {
      return wecomError(47001, 'data format error');
    }
    if (!media) return wecomError(44001, 'empty media data: part "media" missing');
    if (!media.filename) return wecomError(40058, 'invalid parameter: part "media" needs a filename');
    const bad = checkUpload(type, media.data);
    if (bad) return bad;
    const stored = this.media.put(
      Buffer.from(media.data),
      media.filename,
      media.contentType ?? 'application/octet-stream',
      type,
    );
    return {
      json: {
        ...OK,
        type,
        media_id: stored.mediaId,
        created_at: String(Math.floor(stored.createdAt / 1000)),
      },
    };
  }

  getMedia({ query }: Ctx): Reply | WecomError {
    const media = this.media.get(query.get('media_id'));
    return media ? { media } : wecomError(40007, 'invalid media_id');
  }

  getUser({ query }: Ctx): Reply | WecomError {
    const userid = query.get('userid');
    if (!userid) return wecomError(41009, 'userid missing');
    const user = this.#directory.get(userid.toLowerCase());
    if (!user) return wecomError(60111, 'userid not found');
    return { json: { ...OK, userid: user.userid, name: user.name, department: user.department, status: 1 } };
  }

  createMenu({ query, json: body }: Ctx): Reply | WecomError {
    if (query.get('agentid') !== String(this.#options.agentId)) return wecomError(40056, 'invalid agentid');
    const bad = checkMenu(body);
    if (bad) return bad;
    this.menus.push(body);
    return { json: OK };
  }
}
