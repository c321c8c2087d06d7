import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { type FakeWecomApi, startFakeWecomApi } from '../../src/standin/fake-wecom-api.js';
import { AccessTokenCache } from '../../src/wecom/api/access-token.js';
import { WecomApiClient, type WecomApiClientOptions } from '../../src/wecom/api/client.js';
import { WecomApiError } from '../../src/wecom/api/errors.js';
import type { CallOutcome } from '../../src/wecom/api/http.js';

const AGENT_ID = 1000002;
const SECRET = 'integration-secret-not-real';
const USERS = [
  { userid: 'ZhangSan', name: '张三' },
  { userid: 'lisi', name: '李四' },
];
/** A 1×1 PNG: the stand-in checks the image magic bytes like WeCom does. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

let redis: Redis;
const corpIds: string[] = [];
const stands: FakeWecomApi[] = [];
const clients: WecomApiClient[] = [];

beforeAll(() => {
  // db 3 and a corp id per test: the token key is {wecom-token:<corpId>:<agentId>}, so tests never share a token.
  redis = new Redis({ host: '127.0.0.1', port: 6379, db: 3 });
});

afterEach(async () => {
  await Promise.all(stands.splice(0).map((s) => s.close()));
  clients.length = 0;
  for (const corpId of corpIds.splice(0)) {
    const keys = await redis.keys(`{wecom-token:${corpId}:*`);
    if (keys.length > 0) await redis.del(...keys);
  }
});

afterAll(async () => {
  await redis.quit();
});

interface Setup {
  fake: FakeWecomApi;
  corpId: string;
  logs: string[];
  outcomes: Array<[string, CallOutcome]>;
  client(overrides?: Partial<WecomApiClientOptions>): WecomApiClient;
  /** The token currently cached in Redis. */
  cachedToken(): Promise<string | null>;
}

async function setup(): Promise<Setup> {
  const corpId = `wwtest${randomBytes(6).toString('hex')}`;
  corpIds.push(corpId);
  const fake = await startFakeWecomApi({ corpId, secret: SECRET, agentId: AGENT_ID, users: USERS, port: 0 });
  stands.push(fake);
  const logs: string[] = [];
  const log = createLogger('debug', { write: (line: string) => void logs.push(line) });
  const outcomes: Array<[string, CallOutcome]> = [];
  return {
    fake,
    corpId,
    logs,
    outcomes,
    client: (overrides = {}) => {
      const client = new WecomApiClient({
        apiBase: fake.url,
        corpId,
        agentId: AGENT_ID,
        secret: SECRET,
        redis,
        log,
        retryDelaysMs: [5, 10],
        onCall: (api, outcome) => void outcomes.push([api, outcome]),
        ...overrides,
      });
      clients.push(client);
      return client;
    },
    cachedToken: () => redis.get(`{wecom-token:${corpId}:${AGENT_ID}}`),
  };
}

const text = (touser: string[], content = '学习日提醒') =>
  ({ touser, msgtype: 'text', text: { content } }) as const;

async function rejection(promise: Promise<unknown>): Promise<WecomApiError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(WecomApiError);
  return err as WecomApiError;
}

describe('access token', () => {
  it('is fetched once and shared by two client instances (two processes)', async () => {
    const s = await setup();
    const a = s.client();
    const b = s.client();
    await a.sendMessage(text(['ZhangSan']));
    await b.sendMessage(text(['lisi']));
    expect(s.fake.counts().gettoken).toBe(1);
    expect(s.fake.messages()).toHaveLength(2);
    const ttl = await redis.ttl(`{wecom-token:${s.corpId}:${AGENT_ID}}`);
    expect(ttl).toBeGreaterThan(7200 - 300 - 5);
    expect(ttl).toBeLessThanOrEqual(7200 - 300);
  });

  it('is fetched once when several clients race on an empty cache (single flight)', async () => {
    const s = await setup();
    const all = Array.from({ length: 5 }, () => s.client());
    const users = await Promise.all(all.map((c) => c.getUser('lisi')));
    expect(users.map((u) => u.name)).toEqual(Array(5).fill('李四'));
    expect(s.fake.counts().gettoken).toBe(1);
    expect(await redis.exists(`{wecom-token:${s.corpId}:${AGENT_ID}}:lock`)).toBe(0);
  });

  it('expired mid-send (42001): invalidated, refetched once, the message delivered once', async () => {
    const s = await setup();
    const client = s.client();
    await client.sendMessage(text(['ZhangSan'], 'first'));
    const first = await s.cachedToken();
    s.fake.expireTokens();
    await client.sendMessage(text(['ZhangSan'], 'second'));
    expect(s.fake.counts()).toMatchObject({ gettoken: 2, send: 3 });
    expect(s.fake.messages().map((m) => (m.body.text as { content: string }).content)).toEqual([
      'first',
      'second',
    ]);
    const second = await s.cachedToken();
    expect(second).not.toBeNull();
    expect(second).not.toBe(first);
    expect(s.outcomes.filter(([api]) => api === 'message/send').map(([, o]) => o)).toEqual([
      'ok',
      'token',
      'ok',
    ]);
  });

  it('a token that keeps failing is refetched only once per call', async () => {
    const s = await setup();
    const client = s.client();
    s.fake.injectFault('message/send', 40014, 2);
    const err = await rejection(client.sendMessage(text(['ZhangSan'])));
    expect(err.kind).toBe('token');
    expect(s.fake.counts()).toMatchObject({ gettoken: 2, send: 2 });
  });

  it('wrong secret: kind config, exactly one gettoken, one loud log line, then no more calls', async () => {
    const s = await setup();
    const wrong = s.client({ secret: 'not-the-secret' });
    const err = await rejection(wrong.sendMessage(text(['ZhangSan'])));
    expect([err.kind, err.errcode, err.api]).toEqual(['config', 40001, 'gettoken']);
    expect(s.fake.counts()).toMatchObject({ gettoken: 1, send: 0 });

    // Another process with the same wrong secret, and a retry of the same job: answered from the failure latch.
    const again = await rejection(s.client({ secret: 'not-the-secret' }).sendMessage(text(['ZhangSan'])));
    expect(again.kind).toBe('config');
    expect(s.fake.counts().gettoken).toBe(1);

    const errors = s.logs.map((l) => JSON.parse(l) as { level: number; msg: string; hint?: string });
    const loud = errors.filter((l) => l.level >= 50);
    expect(loud).toHaveLength(1);
    expect(loud[0]!.hint).toContain('WECOM_SECRET');
    expect(s.logs.join('\n')).not.toContain('not-the-secret');

    // The corrected secret is not blocked by the latch.
    await s.client().sendMessage(text(['ZhangSan']));
    expect(s.fake.counts().gettoken).toBe(2);
  });

  it('gettoken busy (-1) is retried with the call', async () => {
    const s = await setup();
    s.fake.injectFault('gettoken', -1, 1);
    const result = await s.client().sendMessage(text(['lisi']));
    expect(result.msgid).not.toBe('');
    expect(s.fake.counts()).toMatchObject({ gettoken: 2, send: 1 });
  });

  it('invalidate only removes the token that failed', async () => {
    const s = await setup();
    let n = 0;
    const cache = new AccessTokenCache({
      redis,
      corpId: s.corpId,
      agentId: AGENT_ID,
      secret: SECRET,
      fetchToken: async () => ({ accessToken: `token-${++n}`, expiresIn: 7200 }),
    });
    expect(await cache.get()).toBe('token-1');
    expect(await cache.invalidate('token-0')).toBe(false);
    expect(await cache.get()).toBe('token-1');
    expect(await cache.invalidate('token-1')).toBe(true);
    expect(await cache.get()).toBe('token-2');
  });

  it('a waiter takes over when the lock holder fails with a transient error', async () => {
    const s = await setup();
    let calls = 0;
    const fetchToken = async () => {
      calls++;
      await new Promise((r) => setTimeout(r, 30));
      if (calls === 1) throw new WecomApiError({ api: 'gettoken', errcode: -1, errmsg: 'busy' });
      return { accessToken: 'fresh', expiresIn: 7200 };
    };
    const make = () =>
      new AccessTokenCache({
        redis,
        corpId: s.corpId,
        agentId: AGENT_ID,
        secret: SECRET,
        fetchToken,
        pollMs: 5,
      });
    const results = await Promise.allSettled([make().get(), make().get()]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(calls).toBe(2);
  });
});

describe('retries and limits', () => {
  it('-1 twice: delivered after the retries, exactly once', async () => {
    const s = await setup();
    s.fake.injectFault('message/send', -1, 2);
    const result = await s.client().sendMessage(text(['ZhangSan']));
    expect(result.msgid).not.toBe('');
    expect(s.fake.counts().send).toBe(3);
    expect(s.fake.messages()).toHaveLength(1);
    expect(s.outcomes.filter(([api]) => api === 'message/send').map(([, o]) => o)).toEqual([
      'retryable',
      'retryable',
      'ok',
    ]);
  });

  it('-1 more often than the retries: a retryable error for the queue', async () => {
    const s = await setup();
    s.fake.injectFault('message/send', -1, 3);
    const err = await rejection(s.client().sendMessage(text(['ZhangSan'])));
    expect([err.kind, err.errcode, err.transport]).toEqual(['retryable', -1, false]);
    expect(s.fake.messages()).toHaveLength(0);
  });

  it('45009: rate_limited at once, no retry', async () => {
    const s = await setup();
    s.fake.injectFault('message/send', 45009, 1);
    const err = await rejection(s.client().sendMessage(text(['ZhangSan'])));
    expect(err.kind).toBe('rate_limited');
    expect(s.fake.counts().send).toBe(1);
    expect(s.fake.messages()).toHaveLength(0);
  });

  it('60020 on a call: config, no retry, one error line with the trusted-IP hint', async () => {
    const s = await setup();
    s.fake.injectFault('message/send', 60020, 1);
    const err = await rejection(s.client().sendMessage(text(['ZhangSan'])));
    expect(err.kind).toBe('config');
    expect(s.fake.counts().send).toBe(1);
    const loud = s.logs
      .map((l) => JSON.parse(l) as { level: number; hint?: string })
      .filter((l) => l.level >= 50);
    expect(loud).toHaveLength(1);
    expect(loud[0]!.hint).toContain('企业可信IP');
  });

  it('network failure: retried, then a retryable transport error', async () => {
    const s = await setup();
    const client = s.client({ apiBase: 'http://127.0.0.1:9' });
    const err = await rejection(client.getUser('lisi'));
    expect([err.kind, err.transport]).toEqual(['retryable', true]);
    expect(s.outcomes).toEqual([
      ['gettoken', 'network'],
      ['gettoken', 'network'],
      ['gettoken', 'network'],
    ]);
  });

  it('timeout: aborted, retried, then a retryable transport error', async () => {
    const s = await setup();
    let attempts = 0;
    const hang: typeof fetch = (_url, init) => {
      attempts++;
      return new Promise((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
      });
    };
    const err = await rejection(s.client({ fetchImpl: hang, timeoutMs: 20 }).getUser('lisi'));
    expect([err.kind, err.transport]).toEqual(['retryable', true]);
    expect(attempts).toBe(3);
  });
});

describe('messages', () => {
  it('surfaces invaliduser in the caller’s spelling and delivers to the rest', async () => {
    const s = await setup();
    const result = await s.client().sendMessage(text(['ZhangSan', 'Nobody', 'lisi']));
    expect(result.invalidUsers).toEqual(['Nobody']);
    expect(result.msgid).not.toBe('');
    expect(s.fake.messages()[0]!.delivered.sort()).toEqual(['ZhangSan', 'lisi']);
  });

  it('all recipients invalid (81013): resolves with every recipient invalid and no msgid', async () => {
    const s = await setup();
    const result = await s.client().sendMessage(text(['ghost1', 'ghost2']));
    expect(result).toEqual({
      msgid: '',
      invalidUsers: ['ghost1', 'ghost2'],
      invalidParties: [],
      invalidTags: [],
      unlicensedUsers: [],
    });
    expect(s.fake.counts().send).toBe(1);
  });

  it('sends touser pipe-joined with our agentid, and the token never in the body', async () => {
    const s = await setup();
    await s.client().sendMessage({
      touser: ['ZhangSan', 'lisi'],
      msgtype: 'textcard',
      textcard: {
        title: '主题党日',
        description: '<div class="highlight">周六9:00</div>',
        url: 'https://example.com/a',
      },
    });
    const [message] = s.fake.messages();
    expect(message!.body).toMatchObject({ touser: 'ZhangSan|lisi', agentid: AGENT_ID, msgtype: 'textcard' });
    expect(JSON.stringify(message!.body)).not.toContain('access_token');
  });

  it('refuses more than 1000 users before calling WeCom', async () => {
    const s = await setup();
    const touser = Array.from({ length: 1001 }, (_, i) => `u${i}`);
    await expect(s.client().sendMessage(text(touser))).rejects.toThrow(/at most 1000/);
    expect(s.fake.counts().send).toBe(0);
  });

  it('button card: response_code returned, then the card updated', async () => {
    const s = await setup();
    const client = s.client();
    const sent = await client.sendMessage({
      touser: ['ZhangSan'],
      msgtype: 'template_card',
      template_card: {
        card_type: 'button_interaction',
        task_id: `t_${randomBytes(4).toString('hex')}`,
        main_title: { title: '学习日签到' },
        button_list: [{ text: '已完成', key: 'DONE', style: 1 }],
      },
    });
    expect(sent.responseCode).toBeTruthy();
    const updated = await client.updateTemplateCard({
      userids: ['ZhangSan'],
      responseCode: sent.responseCode!,
      replaceName: '已签到',
    });
    expect(updated.invalidUsers).toEqual([]);
    expect(s.fake.cardUpdates()[0]!.body).toMatchObject({
      button: { replace_name: '已签到' },
      agentid: AGENT_ID,
    });
  });
});

describe('media, users, menu', () => {
  it('upload then get returns the same bytes, type and file name', async () => {
    const s = await setup();
    const client = s.client();
    // real-clock: the stand-in stamps an upload with the machine's time, as WeCom does.
    const before = Math.floor(Date.now() / 1000);
    const up = await client.uploadMedia('image', '签到二维码.png', PNG, 'image/png');
    expect(up.mediaId).toBeTruthy();
    expect(up.createdAt).toBeGreaterThanOrEqual(before - 1);
    const got = await client.getMedia(up.mediaId);
    expect(got.data.equals(PNG)).toBe(true);
    expect(got.contentType).toBe('image/png');
    expect(got.filename).toBe('签到二维码.png');
  });

  it('getMedia of an unknown id: 40007, permanent', async () => {
    const s = await setup();
    const err = await rejection(s.client().getMedia('no-such-media'));
    expect([err.errcode, err.kind, err.api]).toEqual([40007, 'permanent', 'media/get']);
  });

  it('getUser returns the member without errcode; unknown user is permanent', async () => {
    const s = await setup();
    const client = s.client();
    expect(await client.getUser('ZhangSan')).toMatchObject({
      userid: 'ZhangSan',
      name: '张三',
      department: [1],
    });
    const err = await rejection(client.getUser('ghost'));
    expect(err.kind).toBe('permanent');
  });

  it('createMenu posts with agentid in the query', async () => {
    const s = await setup();
    const menu = { button: [{ type: 'click' as const, name: '我的提醒', key: 'REMINDER_LIST' }] };
    await s.client().createMenu(menu);
    expect(s.fake.menus()).toEqual([menu]);
  });

  it('never logs the access token', async () => {
    const s = await setup();
    const client = s.client();
    s.fake.injectFault('message/send', -1, 1);
    await client.sendMessage(text(['ZhangSan']));
    const token = await s.cachedToken();
    expect(token).toBeTruthy();
    expect(s.logs.length).toBeGreaterThan(0);
    expect(s.logs.join('\n')).not.toContain(token!);
  });
});
