/** Public shapes of the fake WeCom API (re-exported by fake-wecom-api.ts). */

export interface FakeWecomApiOptions {
  corpId: string;
  secret: string;
  agentId: number;
  users?: Array<{ userid: string; name: string; department?: number[] }>;
  /** default 7200 */
  tokenTtlSeconds?: number;
  /** 微信客服 accounts managed through the API. */
  kfAccounts?: Array<{ openKfId: string; name: string; servicers?: string[] }>;
  /** The stand-in's clock for kf's 48 h window, 3-day horizon and 10-min tokens (tests set it); default real time. */
  now?: () => Date;
}

export interface RecordedMessage {
  seq: number;
  /** ISO time */
  at: string;
  msgid: string;
  msgtype: string;
  /** Every addressed member (after @all/toparty expansion); unknown ids lower-cased as WeCom reports them. */
  touser: string[];
  delivered: string[];
  invalid: string[];
  /** Valid recipients WeCom silently dropped (over 30/min or 1000/h for that member). */
  dropped: string[];
  /** The JSON posted, as delivered (text/markdown content cut to 2048 bytes). */
  body: Record<string, unknown>;
  /** The uploaded name of the media an image/file/voice/video message carries (WeChat shows a file's name). */
  filename?: string;
  /** Original UTF-8 byte length of a truncated text/markdown content. */
  truncatedFrom?: number;
  /** Sent through 微信客服 (kf/send_msg, kf/send_msg_on_event) to a WeChat user; touser is their external_userid. */
  channel?: 'kf';
  openKfId?: string;
}

export interface CardUpdate {
  at: string;
  taskId: string;
  body: Record<string, unknown>;
}

export interface ApiCounts {
  gettoken: number;
  send: number;
  updateTemplateCard: number;
  upload: number;
  mediaGet: number;
  userGet: number;
  menuCreate: number;
  /** message/send calls WeCom's duplicate check swallowed (accepted, nothing delivered). */
  duplicatesSuppressed: number;
  kfSyncMsg: number;
  /** kf/send_msg and kf/send_msg_on_event. */
  kfSendMsg: number;
  kfOther: number;
}
