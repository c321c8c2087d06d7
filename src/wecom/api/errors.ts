/**
 * What the caller should do about a failed WeCom call:
 * - token: the access_token was rejected; the client already refetched once, so retry the job later.
 * - config: an operator must fix something (secret, corp id, agent id, trusted IP, permissions); retrying is useless
 *   and, for a wrong secret, gets the server's IP banned for an hour.
 * - retryable: WeCom was busy (-1) or the network failed; retry with backoff.
 * - rate_limited: a WeCom frequency/concurrency limit; back off for a minute or more, do not hammer.
 * - permanent: this request will never succeed as sent (bad payload, unknown user, expired media id …).
 */
export type WecomErrorKind = 'token' | 'config' | 'retryable' | 'rate_limited' | 'permanent';

const TOKEN = new Set([40014, 42001, 41001]);
const CONFIG = new Set([40001, 40013, 40056, 40091, 41002, 41004, 48002, 60020]);
const RATE_LIMITED = new Set([45009, 45033, 45035, 45036]);

export function classifyErrcode(errcode: number): WecomErrorKind {
  if (TOKEN.has(errcode)) return 'token';
  if (CONFIG.has(errcode)) return 'config';
  if (errcode === -1) return 'retryable';
  if (RATE_LIMITED.has(errcode)) return 'rate_limited';
  return 'permanent';
}

const HINTS: Record<number, string> = {
  40001:
    '应用Secret无效或应用已停用：请核对 WECOM_SECRET 并确认应用已启用 / invalid app secret or app disabled: check WECOM_SECRET and that the app is enabled.',
  40013:
    '企业ID无效：请核对 WECOM_CORP_ID（我的企业→企业信息） / invalid corp id: check WECOM_CORP_ID (My Company → Company Info).',
  40056:
    '应用AgentId无效：请核对 WECOM_AGENT_ID / invalid agent id: check WECOM_AGENT_ID against the app page in the admin console.',
  40091:
    'Secret 不属于该企业：请核对 WECOM_CORP_ID 与 WECOM_SECRET 是否配对 / the secret belongs to another corp: WECOM_CORP_ID and WECOM_SECRET do not match.',
  41002: '缺少企业ID：请设置 WECOM_CORP_ID / corp id missing: set WECOM_CORP_ID.',
  41004: '缺少Secret：请设置 WECOM_SECRET / secret missing: set WECOM_SECRET.',
  48002:
    '应用无此接口权限：请在管理后台为应用开通相应权限或调整可见范围 / API forbidden for this app: grant the permission or widen the app visibility in the admin console.',
  60020:
    '服务器出口IP未加入企业可信IP：请在应用管理→本应用→企业可信IP中添加本机的固定出口IP / server egress IP is not in the app’s trusted IP list: add it under App → Trusted IPs.',
};

/** One sentence telling the operator what to fix; used in the single loud log line for config errors. */
export function configHint(errcode: number): string {
  return (
    HINTS[errcode] ??
    `企业微信拒绝了本应用的配置（errcode ${errcode}）：请核对企业ID、AgentId、Secret 与企业可信IP / WeCom rejected the app configuration (errcode ${errcode}): check corp id, agent id, secret and trusted IPs.`
  );
}

export interface WecomApiErrorInit {
  api: string;
  errcode: number;
  errmsg: string;
  /** Defaults to classifyErrcode(errcode); transport failures pass their own. */
  kind?: WecomErrorKind;
  /** The request failed before WeCom answered with an errcode (network, timeout, HTTP status, garbled body). */
  transport?: boolean;
  cause?: unknown;
}

/**
 * A failed WeCom call. Transport failures (network error, timeout, HTTP 5xx, unparsable body) use errcode -1,
 * WeCom's own "busy, try again" code, with kind 'retryable', `transport: true` and the original error as `cause`.
 * `transport` matters for message/send: after a timeout the message may have been delivered; after -1 it was not.
 */
export class WecomApiError extends Error {
  readonly api: string;
  readonly errcode: number;
  readonly errmsg: string;
  readonly kind: WecomErrorKind;
  readonly transport: boolean;

  constructor(init: WecomApiErrorInit) {
    super(`WeCom ${init.api} failed: errcode ${init.errcode} ${init.errmsg}`, { cause: init.cause });
    this.name = 'WecomApiError';
    this.api = init.api;
    this.errcode = init.errcode;
    this.errmsg = init.errmsg;
    this.kind = init.kind ?? classifyErrcode(init.errcode);
    this.transport = init.transport ?? false;
  }
}
