import type { Logger } from '../../logger.js';
import type { RedisClient } from '../../queues/connection.js';
import { AccessTokenCache } from './access-token.js';
import { WecomApiError } from './errors.js';
import { type CallOutcome, WecomHttp } from './http.js';
import { type KfApi, KfApiClient } from './kf.js';
import type {
  DownloadedMedia,
  MediaType,
  MessageSendBody,
  MessageSendResult,
  UpdateTemplateCardParams,
  WecomMenu,
  WecomUser,
} from './types.js';

export type * from './kf.js';
export type * from './types.js';

/** What the rest of the bot depends on; tests substitute a fake. */
export interface WecomApi {
  sendMessage(body: MessageSendBody): Promise<MessageSendResult>;
  updateTemplateCard(p: UpdateTemplateCardParams): Promise<{ invalidUsers: string[] }>;
  uploadMedia(
    type: MediaType,
    filename: string,
    data: Buffer,
    contentType?: string,
  ): Promise<{ mediaId: string; createdAt: number }>;
  getMedia(mediaId: string): Promise<DownloadedMedia>;
  getUser(userid: string): Promise<WecomUser>;
  createMenu(menu: WecomMenu): Promise<void>;
  /** 微信客服: residents on plain WeChat. */
  readonly kf: KfApi;
}

export interface WecomApiClientOptions {
  apiBase: string;
  corpId: string;
  agentId: number;
  secret: string;
  redis: RedisClient;
  log: Logger;
  fetchImpl?: typeof fetch;
  /** Waits before each retry of a -1/network failure (default 200, 400 ms: three tries). */
  retryDelaysMs?: readonly number[];
  /** Per HTTP request (default 10 s). */
  timeoutMs?: number;
  /** Once per HTTP request, retries and gettoken included: `api` is the path after /cgi-bin/. */
  onCall?: (api: string, outcome: CallOutcome) => void;
}

const MAX_USERS = 1000;
const MAX_PARTIES_OR_TAGS = 100;
/** message/send: every recipient invalid. */
const ALL_RECIPIENTS_INVALID = 81013;

interface SendResponse {
  msgid?: string;
  invaliduser?: string;
  invalidparty?: string;
  invalidtag?: string;
  unlicenseduser?: string;
  response_code?: string;
}

export class WecomApiClient implements WecomApi {
  private readonly agentId: number;
  private readonly http: WecomHttp;
  private readonly tokens: AccessTokenCache;
  readonly kf: KfApi;

  constructor(opts: WecomApiClientOptions) {
    this.agentId = opts.agentId;
    this.http = new WecomHttp({
      apiBase: opts.apiBase,
      log: opts.log,
      fetchImpl: opts.fetchImpl,
      retryDelaysMs: opts.retryDelaysMs,
      timeoutMs: opts.timeoutMs,
      onCall: opts.onCall,
    });
    this.tokens = new AccessTokenCache({
      redis: opts.redis,
      corpId: opts.corpId,
      agentId: opts.agentId,
      secret: opts.secret,
      fetchToken: async (signal) => {
        const body = await this.http.json<{ access_token: string; expires_in: number }>('gettoken', {
          query: { corpid: opts.corpId, corpsecret: opts.secret },
          retry: false,
          signal,
        });
        return { accessToken: body.access_token, expiresIn: body.expires_in };
      },
    });
    this.kf = new KfApiClient(this.http, this.tokens);
  }

  /**
   * One message/send call. Unreachable recipients are a result, not an error: partial failures come back in
   * invalidUsers with errcode 0, and 81013 (all invalid) is folded into the same shape so the caller has one path
   * for "these people did not get it" and the queue does not retry a send that can never succeed.
   */
  async sendMessage(body: MessageSendBody): Promise<MessageSendResult> {
    const { touser, toparty = [], totag = [] } = body;
    if (touser.length > MAX_USERS)
      throw new Error(`message/send takes at most ${MAX_USERS} users, got ${touser.length}`);
    if (toparty.length > MAX_PARTIES_OR_TAGS || totag.length > MAX_PARTIES_OR_TAGS) {
      throw new Error(
        `message/send takes at most ${MAX_PARTIES_OR_TAGS} parties and ${MAX_PARTIES_OR_TAGS} tags`,
      );
    }
    if (touser.length + toparty.length + totag.length === 0)
      throw new Error('message/send needs a recipient');
    const wire = {
      ...body,
      touser: touser.join('|'),
      toparty: toparty.length > 0 ? toparty.join('|') : undefined,
      totag: totag.length > 0 ? totag.join('|') : undefined,
      agentid: this.agentId,
    };
    let res: SendResponse;
    try {
      res = await this.http.json<SendResponse>('message/send', { json: wire, tokens: this.tokens });
    } catch (err) {
      if (err instanceof WecomApiError && err.errcode === ALL_RECIPIENTS_INVALID) {
        return {
          msgid: '',
          invalidUsers: [...touser],
          invalidParties: [...toparty],
          invalidTags: [...totag],
          unlicensedUsers: [],
        };
      }
      throw err;
    }
    const result: MessageSendResult = {
      msgid: res.msgid ?? '',
      invalidUsers: originalSpelling(splitPipes(res.invaliduser), touser),
      invalidParties: splitPipes(res.invalidparty),
      invalidTags: splitPipes(res.invalidtag),
      unlicensedUsers: originalSpelling(splitPipes(res.unlicenseduser), touser),
    };
    if (res.response_code) result.responseCode = res.response_code;
    return result;
  }

  async updateTemplateCard(p: UpdateTemplateCardParams): Promise<{ invalidUsers: string[] }> {
    if (p.userids.length === 0 || p.userids.length > MAX_USERS) {
      throw new Error(`update_template_card takes 1–${MAX_USERS} users, got ${p.userids.length}`);
    }
    if ((p.replaceName === undefined) === (p.templateCard === undefined)) {
      throw new Error('update_template_card needs exactly one of replaceName and templateCard');
    }
    const res = await this.http.json<{ invaliduser?: string }>('message/update_template_card', {
      json: {
        userids: p.userids,
        agentid: this.agentId,
        response_code: p.responseCode,
        ...(p.replaceName !== undefined ? { button: { replace_name: p.replaceName } } : {}),
        ...(p.templateCard !== undefined ? { template_card: p.templateCard } : {}),
      },
      tokens: this.tokens,
    });
    return { invalidUsers: originalSpelling(splitPipes(res.invaliduser), p.userids) };
  }

  async uploadMedia(
    type: MediaType,
    filename: string,
    data: Buffer,
    contentType = 'application/octet-stream',
  ): Promise<{ mediaId: string; createdAt: number }> {
    const form = new FormData();
    // The part must be named `media`; its filename is what recipients see.
    form.append('media', new Blob([new Uint8Array(data)], { type: contentType }), filename);
    const res = await this.http.json<{ media_id: string; created_at: string | number }>('media/upload', {
      query: { type },
      form,
      tokens: this.tokens,
    });
    return { mediaId: res.media_id, createdAt: Number(res.created_at) };
  }

  async getMedia(mediaId: string): Promise<DownloadedMedia> {
    const { data, headers } = await this.http.binary('media/get', {
      query: { media_id: mediaId },
      tokens: this.tokens,
    });
    return {
      data,
      contentType: headers.get('content-type') ?? 'application/octet-stream',
      filename: dispositionFilename(headers.get('content-disposition')),
    };
  }

  async getUser(userid: string): Promise<WecomUser> {
    const {
      errcode: _c,
      errmsg: _m,
      ...user
    } = await this.http.json<WecomUser & { errcode: number; errmsg: string }>('user/get', {
      query: { userid },
      tokens: this.tokens,
    });
    return user;
  }

  async createMenu(menu: WecomMenu): Promise<void> {
    await this.http.json('menu/create', {
      query: { agentid: this.agentId },
      json: menu,
      tokens: this.tokens,
    });
  }
}

function splitPipes(value: string | undefined): string[] {
  return value ? value.split('|').filter((s) => s !== '') : [];
}

/** WeCom lower-cases userids in invaliduser; hand back the ids as the caller wrote them so they match records. */
function originalSpelling(ids: string[], sent: readonly string[]): string[] {
  const byLower = new Map(sent.map((id) => [id.toLowerCase(), id]));
  return ids.map((id) => byLower.get(id.toLowerCase()) ?? id);
}

/** `attachment; filename="MEDIA_ID.jpg"` or RFC 5987 `filename*=UTF-8''…`. */
function dispositionFilename(header: string | null): string | null {
  if (!header) return null;
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (extended?.[1]) {
    try {
      return decodeURIComponent(extended[1].trim());
    } catch {
      // Malformed escape: fall back to the plain parameter.
    }
  }
  const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/.exec(header);
  return plain ? (plain[2] ?? plain[1]!.trim()) : null;
}
