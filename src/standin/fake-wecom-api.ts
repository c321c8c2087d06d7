import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CGI_APIS, FakeWecomState, type Reply } from './fake-wecom-state.js';
import type { ApiCounts, CardUpdate, FakeWecomApiOptions, RecordedMessage } from './fake-wecom-types.js';
import { isRecord, OK, readBody, sendJson, wecomError } from './http-io.js';
import type { CustomerContent, KfCallback, KfStandin } from './kf-state.js';
import { checkUpload, mediaTypeFor } from './media-store.js';

export type { ApiCounts, CardUpdate, FakeWecomApiOptions, RecordedMessage } from './fake-wecom-types.js';
export type { CustomerContent, KfCallback, KfSentMessage, PulledMessage } from './kf-state.js';

/**
 * A faithful fake of WeCom's HTTP API for one self-built app (platform doc §4–§9), plus control endpoints under
 * /__standin/ for the local demo page and scripts. Node built-ins only.
 */
export interface FakeWecomApi {
  /** http://127.0.0.1:<port> */
  url: string;
  messages(filter?: { touser?: string }): RecordedMessage[];
  cardUpdates(): CardUpdate[];
  menus(): unknown[];
  setUsers(users: FakeWecomApiOptions['users']): void;
  /** The next `times` calls to `api` (e.g. 'message/send', 'gettoken') answer {errcode, errmsg:'injected'}. */
  injectFault(api: string, errcode: number, times?: number, after?: number): void;
  /** Every token issued so far answers 42001 from now on. */
  expireTokens(): void;
  reset(): void;
  counts(): ApiCounts;
  on(event: 'message', fn: (m: RecordedMessage) => void): void;
  /** The response_code WeCom puts in a template_card_event when `userid` clicks the card of `taskId`. */
  issueResponseCode(userid: string, taskId: string): string;
  /** Pre-seeds media (e.g. an inbound image's MediaId); returns the media_id. */
  putMedia(buffer: Buffer, filename: string, contentType: string): string;
  /** 微信客服: customers writing from WeChat, sessions, what was sent to them. */
  kf: KfStandin;
  close(): Promise<void>;
}

const HEARTBEAT_MS = 15_000;
const CONTROL_BODY_LIMIT = 1024 * 1024;

export async function startFakeWecomApi(
  options: FakeWecomApiOptions & { port?: number; host?: string },
): Promise<FakeWecomApi> {
  const state = new FakeWecomState(options);
  const streams = new Set<ServerResponse>();
  state.events.on('message', (m: RecordedMessage) => {
    for (const res of streams) res.write(`data: ${JSON.stringify(m)}\n\n`);
  });
  const heartbeat = setInterval(() => {
    for (const res of streams) res.write(': heartbeat\n\n');
  }, HEARTBEAT_MS);
  heartbeat.unref();

  const server = createServer((req, res) => {
    route(state, streams, req, res).catch((err: unknown) => {
      if (!res.headersSent) sendJson(res, wecomError(-1, `system error: ${String(err)}`), 500);
      else res.destroy();
    });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    messages: (filter) => state.findMessages(filter?.touser),
    cardUpdates: () => [...state.cardUpdates],
    menus: () => [...state.menus],
    setUsers: (users) => state.setUsers(users),
    injectFault: (api, errcode, times = 1, after = 0) => state.injectFault(api, errcode, times, after),
    expireTokens: () => state.tokens.expireAll(),
    reset: () => state.reset(),
    counts: () => ({ ...state.counts }),
    on: (_event, fn) => {
      state.events.on('message', fn);
    },
    issueResponseCode: (userid, taskId) => state.cards.issue(taskId, [userid]),
    putMedia: (buffer, filename, contentType) =>
      state.media.put(buffer, filename, contentType, mediaTypeFor(contentType)).mediaId,
    kf: state.kf,
    close: async () => {
      clearInterval(heartbeat);
      for (const res of streams) res.end();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

async function route(
  state: FakeWecomState,
  streams: Set<ServerResponse>,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://standin');
  if (url.pathname.startsWith('/cgi-bin/')) {
    const api = url.pathname.slice('/cgi-bin/'.length);
    const spec = Object.hasOwn(CGI_APIS, api) ? CGI_APIS[api] : undefined;
    if (!spec || spec.method !== req.method) {
      req.resume();
      return sendJson(res, wecomError(404, `no such api: ${req.method} ${url.pathname}`), 404);
    }
    const body = await readBody(req, spec.bodyLimit);
    return reply(
      res,
      state.handle(api, spec, { query: url.searchParams, body, contentType: req.headers['content-type'] }),
    );
  }
  if (url.pathname.startsWith('/__standin/')) return control(state, streams, url, req, res);
  req.resume();
  sendJson(res, wecomError(404, 'not found'), 404);
}

function reply(res: ServerResponse, r: Reply): void {
  if ('json' in r) {
    sendJson(res, r.json, r.status);
    return;
  }
  const { media } = r;
  // Header values must be latin1: percent-encode the name, and give the exact UTF-8 name in filename*.
  const name = encodeURIComponent(media.filename);
  res.writeHead(200, {
    'content-type': media.contentType,
    'content-length': media.data.length,
    'content-disposition': `attachment; filename="${name}"; filename*=UTF-8''${name}`,
  });
  res.end(media.data);
}

async function control(
  state: FakeWecomState,
  streams: Set<ServerResponse>,
  url: URL,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  // The demo page is served by the bot on another port.
  res.setHeader('access-control-allow-origin', '*');
  const action = `${req.method} ${url.pathname.slice('/__standin/'.length)}`;
  if (req.method === 'OPTIONS') {
    res.writeHead(204, {
      'access-control-allow-methods': 'GET, POST',
      'access-control-allow-headers': 'content-type',
    });
    return void res.end();
  }
  if (action === 'GET stream') {
    res.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
    });
    res.write(': connected\n\n'); // lets a subscriber know it is live before anything is sent
    streams.add(res);
    res.on('close', () => streams.delete(res));
    return;
  }
  if (action === 'GET kf/accounts') return sendJson(res, { ...OK, accounts: state.kf.accounts() });
  if (action === 'GET menu') return sendJson(res, { ...OK, items: state.menuItems() });
  if (action === 'GET kf/session') {
    const openKfId = url.searchParams.get('open_kfid') ?? '';
    const ext = url.searchParams.get('external_userid') ?? '';
    return sendJson(res, {
      ...OK,
      session: state.kf.session(openKfId, ext) ?? null,
      sent: state.kf.sentTo(ext),
    });
  }
  if (action === 'GET messages') {
    const touser = url.searchParams.get('touser') || undefined;
    const since = Number(url.searchParams.get('since') ?? 0) || 0;
    return sendJson(res, { ...OK, messages: state.findMessages(touser, since) });
  }
  const raw = await readBody(req, CONTROL_BODY_LIMIT);
  if (raw === 'too-large') return sendJson(res, wecomError(45002, 'request body too large'), 413);
  let input: unknown;
  try {
    input = raw.length === 0 ? undefined : JSON.parse(raw.toString('utf8'));
  } catch {
    return sendJson(res, wecomError(47001, 'data format error'), 400);
  }
  try {
    const result = controlAction(state, action, input);
    if (result === undefined) return sendJson(res, wecomError(404, `no such control action: ${action}`), 404);
    sendJson(res, { ...OK, ...result });
  } catch (err) {
    sendJson(res, wecomError(40058, `invalid parameter: ${(err as Error).message}`), 400);
  }
}

/** Returns extra response fields, or undefined for an unknown action; throws on bad input. */
function controlAction(state: FakeWecomState, action: string, input: unknown): object | undefined {
  const obj = isRecord(input) ? input : {};
  switch (action) {
    case 'POST faults':
      state.injectFault(
        String(obj.api),
        Number(obj.errcode),
        obj.times === undefined ? 1 : Number(obj.times),
      );
      return {};
    case 'POST expire-tokens':
      state.tokens.expireAll();
      return {};
    case 'POST reset':
      state.reset();
      return {};
    case 'POST users': {
      if (!Array.isArray(input) || !input.every(isUser))
        throw new Error('expected [{userid, name, department?}]');
      state.setUsers(input);
      return {};
    }
    case 'POST kf/accounts': {
      if (typeof obj.openKfId !== 'string' || typeof obj.name !== 'string')
        throw new Error('expected {openKfId, name, servicers?}');
      const servicers = Array.isArray(obj.servicers) ? obj.servicers.map(String) : [];
      state.kf.addAccount({ openKfId: obj.openKfId, name: obj.name, servicers });
      return {};
    }
    case 'POST kf/enter':
      return callback(
        state.kf.enter(String(obj.open_kfid), String(obj.external_userid), {
          ...(typeof obj.nickname === 'string' && { nickname: obj.nickname }),
          ...(typeof obj.scene === 'string' && { scene: obj.scene }),
        }),
      );
    case 'POST kf/say': {
      const nickname = typeof obj.nickname === 'string' ? obj.nickname : undefined;
      return callback(
        state.kf.customerSays(
          String(obj.open_kfid),
          String(obj.external_userid),
          customerContent(state, obj),
          nickname,
        ),
      );
    }
    case 'POST kf/fail':
      return callback(state.kf.failDelivery(String(obj.msgid), Number(obj.fail_type ?? 4)));
    case 'POST kf/end':
      return callback(state.kf.endSession(String(obj.open_kfid), String(obj.external_userid)));
    case 'POST users/add': {
      if (typeof obj.userid !== 'string' || !/^[A-Za-z0-9_.@-]{1,64}$/.test(obj.userid))
        throw new Error('expected {userid: 1–64 letters, digits or _.@-, name?}');
      const name = typeof obj.name === 'string' && obj.name ? obj.name : obj.userid;
      return { added: state.addUser({ userid: obj.userid, name }) };
    }
    case 'POST media': {
      // A photo a member sends: WeChat uploads it and the callback carries its MediaId.
      if (typeof obj.data !== 'string' || typeof obj.filename !== 'string')
        throw new Error('expected {data: base64, filename}');
      const data = Buffer.from(obj.data, 'base64');
      const png = data.subarray(0, 4).toString('hex') === '89504e47';
      const bad = checkUpload('image', data);
      if (bad) throw new Error(bad.errmsg);
      const media = state.media.put(data, obj.filename, png ? 'image/png' : 'image/jpeg', 'image');
      return { media_id: media.mediaId };
    }
    case 'POST response-code': {
      if (typeof obj.userid !== 'string' || typeof obj.taskId !== 'string')
        throw new Error('expected {userid, taskId}');
      return { response_code: state.cards.issue(obj.taskId, [obj.userid]) };
    }
    default:
      return undefined;
  }
}

const callback = (c: KfCallback) => ({ open_kfid: c.openKfId, token: c.token, msgid: c.msgid });

/** A customer's message from a control request: {text} | {image: base64 JPEG/PNG} | {voice: true} | {location}. */
function customerContent(state: FakeWecomState, obj: Record<string, unknown>): CustomerContent {
  if (typeof obj.text === 'string') return { msgtype: 'text', text: { content: obj.text } };
  if (typeof obj.image === 'string') {
    const data = Buffer.from(obj.image, 'base64');
    const png = data.subarray(0, 4).toString('hex') === '89504e47';
    const contentType = png ? 'image/png' : 'image/jpeg';
    const media = state.media.put(data, png ? 'photo.png' : 'photo.jpg', contentType, 'image');
    return { msgtype: 'image', image: { media_id: media.mediaId } };
  }
  if (obj.voice === true) {
    const media = state.media.put(Buffer.from('#!AMR\n\0\0\0\0'), 'voice.amr', 'audio/amr', 'voice');
    return { msgtype: 'voice', voice: { media_id: media.mediaId } };
  }
  if (isRecord(obj.location)) {
    const l = obj.location;
    return {
      msgtype: 'location',
      location: {
        latitude: Number(l.latitude),
        longitude: Number(l.longitude),
        name: String(l.name ?? ''),
        address: String(l.address ?? ''),
      },
    };
  }
  throw new Error('expected text, image (base64), voice: true or location');
}

function isUser(u: unknown): u is { userid: string; name: string; department?: number[] } {
  return (
    isRecord(u) &&
    typeof u.userid === 'string' &&
    typeof u.name === 'string' &&
    (u.department === undefined || (Array.isArray(u.department) && u.department.every(Number.isInteger)))
  );
}
