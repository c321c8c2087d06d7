import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../../logger.js';
import { configHint, WecomApiError, type WecomErrorKind } from './errors.js';

export type CallOutcome = 'ok' | WecomErrorKind | 'network';

/** Where the access token comes from; AccessTokenCache in production. */
export interface TokenSource {
  get(): Promise<string>;
  invalidate(failedToken: string): Promise<boolean>;
}

export interface WecomHttpOptions {
  apiBase: string;
  log: Logger;
  fetchImpl?: typeof fetch;
  /** Waits before each retry of a -1/network failure; its length is the number of retries. */
  retryDelaysMs?: readonly number[];
  timeoutMs?: number;
  /** Called once per HTTP request (retries included), for metrics. */
  onCall?: (api: string, outcome: CallOutcome) => void;
}

/** POST when there is a body, GET otherwise: every WeCom API we call follows that rule. */
export interface CallOptions {
  query?: Record<string, string | number>;
  json?: unknown;
  form?: FormData;
  /** Token source to authenticate with; omitted for gettoken itself. */
  tokens?: TokenSource;
  /** false for gettoken: a retry inside the token lock would outlive it; the calling request retries instead. */
  retry?: boolean;
  signal?: AbortSignal;
}

export interface BinaryBody {
  data: Buffer;
  headers: Headers;
}

interface ErrorBody {
  errcode?: unknown;
  errmsg?: unknown;
}

/** Sends WeCom API requests: token in the query, errcode checks, one token refresh, retries of transient failures. */
export class WecomHttp {
  private readonly apiBase: string;
  private readonly log: Logger;
  private readonly fetchImpl: typeof fetch;
  private readonly retryDelaysMs: readonly number[];
  private readonly timeoutMs: number;
  private readonly onCall: (api: string, outcome: CallOutcome) => void;

  constructor(opts: WecomHttpOptions) {
    this.apiBase = opts.apiBase.replace(/\/+$/, '');
    this.log = opts.log;
    this.fetchImpl = opts.fetchImpl ?? fetch;
    this.retryDelaysMs = opts.retryDelaysMs ?? [200, 400];
    this.timeoutMs = opts.timeoutMs ?? 10_000;
    this.onCall = opts.onCall ?? (() => {});
  }

  /** A JSON API; resolves with the whole body once errcode is 0. */
  async json<T>(api: string, opts: CallOptions = {}): Promise<T> {
    return this.run(api, opts, async (res) => (await readJson(api, res)) as T);
  }

  /** An API that answers with bytes on success and a JSON error body otherwise (media/get). */
  async binary(api: string, opts: CallOptions = {}): Promise<BinaryBody> {
    return this.run(api, opts, async (res) => {
      const type = res.headers.get('content-type') ?? '';
      if (/json|text\/plain/i.test(type)) {
        await readJson(api, res);
        throw new WecomApiError({
          api,
          errcode: -1,
          errmsg: 'expected a file, got JSON without errcode',
          kind: 'permanent',
          transport: true,
        });
      }
      return { data: Buffer.from(await res.arrayBuffer()), headers: res.headers };
    });
  }

  private async run<T>(api: string, opts: CallOptions, read: (res: Response) => Promise<T>): Promise<T> {
    const delays = opts.retry === false ? [] : this.retryDelaysMs;
    let retries = 0;
    let tokenRefreshed = false;
    for (;;) {
      let token: string | undefined;
      try {
        // Inside the try: a busy or unreachable gettoken is retried like a failure of this call.
        if (opts.tokens) token = await opts.tokens.get();
        return await this.attempt(api, opts, token, read);
      } catch (err) {
        if (!(err instanceof WecomApiError)) throw err;
        if (err.kind === 'token' && token !== undefined && opts.tokens && !tokenRefreshed) {
          tokenRefreshed = true;
          await opts.tokens.invalidate(token);
          continue;
        }
        const delay = delays[retries];
        if (err.kind === 'retryable' && delay !== undefined) {
          retries++;
          this.log.warn(
            { api, errcode: err.errcode, errmsg: err.errmsg, retry: retries },
            'WeCom call retried',
          );
          await sleep(delay);
          continue;
        }
        throw err;
      }
    }
  }

  /** One HTTP request; every failure becomes a WecomApiError, reported to onCall (and logged if it is config). */
  private async attempt<T>(
    api: string,
    opts: CallOptions,
    token: string | undefined,
    read: (res: Response) => Promise<T>,
  ): Promise<T> {
    const url = new URL(`${this.apiBase}/cgi-bin/${api}`);
    for (const [name, value] of Object.entries(opts.query ?? {})) url.searchParams.set(name, String(value));
    // WeCom wants the token in the query, never the body (41001 otherwise).
    if (token !== undefined) url.searchParams.set('access_token', token);
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const init: RequestInit = {
      method: opts.json !== undefined || opts.form ? 'POST' : 'GET',
      signal: opts.signal ? AbortSignal.any([timeout, opts.signal]) : timeout,
    };
    if (opts.json !== undefined) {
      init.body = JSON.stringify(opts.json);
      init.headers = { 'content-type': 'application/json; charset=utf-8' };
    } else if (opts.form) {
      init.body = opts.form;
    }

    let result: T;
    try {
      const res = await this.fetchImpl(url, init);
      if (!res.ok) {
        await res.body?.cancel();
        throw new WecomApiError({
          api,
          errcode: -1,
          errmsg: `HTTP ${res.status}`,
          kind: res.status >= 500 || res.status === 429 ? 'retryable' : 'permanent',
          transport: true,
        });
      }
      result = await read(res);
    } catch (err) {
      const failure =
        err instanceof WecomApiError
          ? err
          : new WecomApiError({
              api,
              errcode: -1,
              errmsg: `network error: ${describe(err)}`,
              kind: 'retryable',
              transport: true,
              cause: err,
            });
      this.onCall(api, failure.transport ? 'network' : failure.kind);
      if (failure.kind === 'config') {
        // The one loud line: nothing will work until an operator acts.
        const hint = configHint(failure.errcode);
        this.log.error(
          { api, errcode: failure.errcode, errmsg: failure.errmsg, hint },
          `WeCom configuration error: ${hint}`,
        );
      }
      throw failure;
    }
    this.onCall(api, 'ok');
    return result;
  }
}

async function readJson(api: string, res: Response): Promise<unknown> {
  const text = await res.text();
  let body: ErrorBody;
  try {
    body = JSON.parse(text) as ErrorBody;
  } catch (err) {
    throw new WecomApiError({
      api,
      errcode: -1,
      errmsg: 'response is not JSON',
      kind: 'retryable',
      transport: true,
      cause: err,
    });
  }
  const errcode = typeof body.errcode === 'number' ? body.errcode : 0;
  if (errcode !== 0) {
    throw new WecomApiError({ api, errcode, errmsg: typeof body.errmsg === 'string' ? body.errmsg : '' });
  }
  return body;
}

/** Error name and message only: undici's errors never carry the URL, and the URL carries the token. */
function describe(err: unknown): string {
  if (err instanceof Error) {
    const cause = err.cause instanceof Error ? ` (${err.cause.message})` : '';
    return `${err.name}: ${err.message}${cause}`;
  }
  return String(err);
}
