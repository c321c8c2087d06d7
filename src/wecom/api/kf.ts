import type { TokenSource, WecomHttp } from './http.js';

/** 微信客服 (platform doc §10.2) through the self-built app's access token. */

/** One entry of sync_msg's msg_list (msgtype-specific part under the msgtype's name). */
export interface KfPulledMessage {
  msgid: string;
  open_kfid: string;
  external_userid: string;
  /** Unix seconds. */
  send_time: number;
  /** 3 WeChat customer, 4 system event, 5 receptionist from the WeCom client. */
  origin: number;
  servicer_userid?: string;
  msgtype: string;
  text?: { content: string; menu_id?: string };
  image?: { media_id: string };
  voice?: { media_id: string };
  location?: { latitude: number; longitude: number; name?: string; address?: string };
  event?: KfEvent;
}

export interface KfEvent {
  event_type: string;
  open_kfid?: string;
  external_userid?: string;
  scene?: string;
  scene_param?: string;
  welcome_code?: string;
  fail_msgid?: string;
  fail_type?: number;
  change_type?: number;
  recall_msgid?: string;
  [field: string]: unknown;
}

export interface KfSyncPage {
  nextCursor: string;
  hasMore: boolean;
  messages: KfPulledMessage[];
}

/** What a kf message may carry (the types we send). */
export type KfOutContent =
  | { msgtype: 'text'; text: { content: string } }
  | { msgtype: 'image'; image: { media_id: string } };

export interface KfCustomer {
  external_userid: string;
  nickname: string;
}

/** 0 未处理, 1 智能助手接待, 2 待接入池排队, 3 人工接待, 4 已结束/未开始. */
export type KfServiceState = 0 | 1 | 2 | 3 | 4;

export interface KfApi {
  syncMsg(p: { openKfId: string; cursor?: string; token?: string; limit?: number }): Promise<KfSyncPage>;
  sendMsg(p: { openKfId: string; toUser: string; msgid: string; content: KfOutContent }): Promise<void>;
  sendMsgOnEvent(p: { code: string; msgid: string; text: string }): Promise<void>;
  getServiceState(
    openKfId: string,
    externalUserId: string,
  ): Promise<{ state: KfServiceState; servicer: string }>;
  transServiceState(p: {
    openKfId: string;
    externalUserId: string;
    state: KfServiceState;
    servicer?: string;
  }): Promise<void>;
  listAccounts(): Promise<Array<{ openKfId: string; name: string }>>;
  addContactWay(openKfId: string, scene: string): Promise<string>;
  /** Nicknames WeChat lets us see; unknown ids are left out. */
  getCustomers(externalUserIds: readonly string[]): Promise<KfCustomer[]>;
}

export class KfApiClient implements KfApi {
  constructor(
    private readonly http: WecomHttp,
    private readonly tokens: TokenSource,
  ) {}

  private call<T>(api: string, json: object): Promise<T> {
    return this.http.json<T>(`kf/${api}`, { json, tokens: this.tokens });
  }

  async syncMsg(p: {
    openKfId: string;
    cursor?: string;
    token?: string;
    limit?: number;
  }): Promise<KfSyncPage> {
    const res = await this.call<{ next_cursor?: string; has_more?: number; msg_list?: KfPulledMessage[] }>(
      'sync_msg',
      {
        open_kfid: p.openKfId,
        ...(p.cursor ? { cursor: p.cursor } : {}),
        ...(p.token ? { token: p.token } : {}),
        limit: p.limit ?? 1000,
        voice_format: 0,
      },
    );
    return { nextCursor: res.next_cursor ?? '', hasMore: res.has_more === 1, messages: res.msg_list ?? [] };
  }

  async sendMsg(p: {
    openKfId: string;
    toUser: string;
    msgid: string;
    content: KfOutContent;
  }): Promise<void> {
    await this.call('send_msg', { touser: p.toUser, open_kfid: p.openKfId, msgid: p.msgid, ...p.content });
  }

  async sendMsgOnEvent(p: { code: string; msgid: string; text: string }): Promise<void> {
    await this.call('send_msg_on_event', {
      code: p.code,
      msgid: p.msgid,
      msgtype: 'text',
      text: { content: p.text },
    });
  }

  async getServiceState(openKfId: string, externalUserId: string) {
    const res = await this.call<{ service_state: KfServiceState; servicer_userid?: string }>(
      'service_state/get',
      { open_kfid: openKfId, external_userid: externalUserId },
    );
    return { state: res.service_state, servicer: res.servicer_userid ?? '' };
  }

  async transServiceState(p: {
    openKfId: string;
    externalUserId: string;
    state: KfServiceState;
    servicer?: string;
  }): Promise<void> {
    await this.call('service_state/trans', {
      open_kfid: p.openKfId,
      external_userid: p.externalUserId,
      service_state: p.state,
      ...(p.servicer ? { servicer_userid: p.servicer } : {}),
    });
  }

  async listAccounts(): Promise<Array<{ openKfId: string; name: string }>> {
    const all: Array<{ openKfId: string; name: string }> = [];
    for (let offset = 0; ; offset += 100) {
      const res = await this.call<{ account_list?: Array<{ open_kfid: string; name: string }> }>(
        'account/list',
        { offset, limit: 100 },
      );
      const page = res.account_list ?? [];
      all.push(...page.map((a) => ({ openKfId: a.open_kfid, name: a.name })));
      if (page.length < 100) return all;
    }
  }

  async addContactWay(openKfId: string, scene: string): Promise<string> {
    const res = await this.call<{ url: string }>('add_contact_way', { open_kfid: openKfId, scene });
    return res.url;
  }

  async getCustomers(externalUserIds: readonly string[]): Promise<KfCustomer[]> {
    if (externalUserIds.length === 0) return [];
    const res = await this.call<{ customer_list?: KfCustomer[] }>('customer/batchget', {
      external_userid_list: externalUserIds.slice(0, 100),
      need_enter_session_context: 0,
    });
    return res.customer_list ?? [];
  }
}
