import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type FakeWecomApi,
  type RecordedMessage,
  startFakeWecomApi,
} from '../../src/standin/fake-wecom-api.js';
import { sseData } from '../../src/standin/sse-reader.js';

const CORP = { corpId: 'ww4d3c2b1a0f9e8d7c', secret: 'test-secret', agentId: 1000002 };
const USERS = [
  { userid: 'zhangsan', name: '张三', department: [2] },
  { userid: 'LiSi', name: '李四', department: [2, 3] },
  { userid: 'wangwu', name: '王五' },
];
const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(64, 1)]);

type Json = Record<string, unknown>;

let api: FakeWecomApi;

async function call(path: string, init?: { body?: unknown; raw?: string | FormData }): Promise<Json> {
  const res = await fetch(`${api.url}${path}`, {
    method: init ? 'POST' : 'GET',
    ...(init && { body: init.raw ?? JSON.stringify(init.body) }),
  });
  return (await res.json()) as Json;
}

async function token(): Promise<string> {
  const res = await call(`/cgi-bin/gettoken?corpid=${CORP.corpId}&corpsecret=${CORP.secret}`);
  return String(res.access_token);
}

async function send(body: Json, accessToken?: string): Promise<Json> {
  return call(`/cgi-bin/message/send?access_token=${accessToken ?? (await token())}`, {
    body: { agentid: CORP.agentId, ...body },
  });
}

const text = (touser: string, content: string) => ({ touser, msgtype: 'text', text: { content } });

const buttonCard = (taskId: string) => ({
  touser: 'zhangsan',
  msgtype: 'template_card',
  template_card: {
    card_type: 'button_interaction',
    main_title: { title: '周五支部学习' },
    task_id: taskId,
    button_list: [{ text: '已完成', style: 1, key: 'done' }],
  },
});

beforeAll(async () => {
  api = await startFakeWecomApi({ ...CORP, users: USERS, port: 0 });
});

afterAll(() => api.close());

beforeEach(() => api.reset());

describe('gettoken', () => {
  it('issues a 64-char token for the right corp and secret', async () => {
    const res = await call(`/cgi-bin/gettoken?corpid=${CORP.corpId}&corpsecret=${CORP.secret}`);
    expect(res).toMatchObject({ errcode: 0, errmsg: 'ok', expires_in: 7200 });
    expect(String(res.access_token)).toMatch(/^[A-Za-z0-9_-]{64}$/);
  });

  it('refuses a wrong secret with 40001 and a wrong corpid with 40013', async () => {
    expect((await call(`/cgi-bin/gettoken?corpid=${CORP.corpId}&corpsecret=nope`)).errcode).toBe(40001);
    expect((await call(`/cgi-bin/gettoken?corpid=wwother&corpsecret=${CORP.secret}`)).errcode).toBe(40013);
    expect(api.counts().gettoken).toBe(2);
  });
});

describe('access tokens', () => {
  it('answers 41001 without a token and 40014 for an unknown one', async () => {
    expect((await call('/cgi-bin/user/get?userid=zhangsan')).errcode).toBe(41001);
    expect((await call('/cgi-bin/user/get?userid=zhangsan&access_token=forged')).errcode).toBe(40014);
  });

  it('answers 42001 for every token issued before expireTokens(), and accepts new ones', async () => {
    const old = await token();
    expect((await send(text('zhangsan', 'a'), old)).errcode).toBe(0);
    api.expireTokens();
    expect(await send(text('zhangsan', 'b'), old)).toMatchObject({ errcode: 42001 });
    expect((await send(text('zhangsan', 'c'))).errcode).toBe(0);
  });

  it('expires tokens after tokenTtlSeconds', async () => {
    const shortLived = await startFakeWecomApi({ ...CORP, users: USERS, tokenTtlSeconds: 0.2 });
    try {
      const res = await fetch(
        `${shortLived.url}/cgi-bin/gettoken?corpid=${CORP.corpId}&corpsecret=${CORP.secret}`,
      );
      const { access_token } = (await res.json()) as { access_token: string };
      await new Promise((r) => setTimeout(r, 300));
      const user = await fetch(
        `${shortLived.url}/cgi-bin/user/get?userid=zhangsan&access_token=${access_token}`,
      );
      expect(((await user.json()) as Json).errcode).toBe(42001);
    } finally {
      await shortLived.close();
    }
  });
});

describe('message/send', () => {
  it('records a delivered text message, emits it, and returns its msgid', async () => {
    const emitted: RecordedMessage[] = [];
    api.on('message', (m) => emitted.push(m));
    const res = await send(text('zhangsan', '欢迎使用党建助手'));
    const [m] = api.messages();
    expect(emitted).toEqual([m]);
    expect(res).toMatchObject({ errcode: 0, errmsg: 'ok', invaliduser: '' });
    expect(m).toMatchObject({
      seq: 1,
      msgid: res.msgid,
      msgtype: 'text',
      touser: ['zhangsan'],
      delivered: ['zhangsan'],
      invalid: [],
      dropped: [],
    });
    expect(m?.body).toEqual({ agentid: CORP.agentId, ...text('zhangsan', '欢迎使用党建助手') });
    expect(api.messages({ touser: 'lisi' })).toEqual([]);
  });

  it('lists unknown users in invaliduser (lower-cased) and matches known ones case-insensitively', async () => {
    const res = await send(text('zhangsan|Nobody|lisi|ghost', 'hi'));
    expect(res).toMatchObject({ errcode: 0, invaliduser: 'nobody|ghost' });
    expect(api.messages()[0]).toMatchObject({
      delivered: ['zhangsan', 'LiSi'],
      invalid: ['nobody', 'ghost'],
    });
  });

  it('answers 81013 and records nothing when every recipient is unknown', async () => {
    expect((await send(text('nobody|ghost', 'hi'))).errcode).toBe(81013);
    expect(api.messages()).toEqual([]);
  });

  it('expands @all and toparty from the directory', async () => {
    await send(text('@all', 'all'));
    await send({ ...text('', 'party'), touser: undefined, toparty: '3|99' });
    expect(api.messages()[0]?.delivered).toEqual(['zhangsan', 'LiSi', 'wangwu']);
    expect(api.messages()[1]?.delivered).toEqual(['LiSi']);
  });

  it('truncates text over 2048 UTF-8 bytes in the record, keeping the original length', async () => {
    const res = await send(text('zhangsan', '党'.repeat(700))); // 2100 bytes
    const m = api.messages()[0]!;
    const content = (m.body.text as { content: string }).content;
    expect(res.errcode).toBe(0);
    expect(m.truncatedFrom).toBe(2100);
    expect(Buffer.byteLength(content)).toBe(2046); // no half character
    expect(content).toBe('党'.repeat(682));
  });

  it('drops the 31st message within a minute to the same member, silently', async () => {
    const t = await token();
    for (let i = 1; i <= 30; i++) expect((await send(text('zhangsan', `#${i}`), t)).errcode).toBe(0);
    const res = await send(text('zhangsan|wangwu', '#31'), t);
    const last = api.messages().at(-1);
    expect(res).toMatchObject({ errcode: 0, invaliduser: '' });
    expect(last).toMatchObject({ delivered: ['wangwu'], dropped: ['zhangsan'] });
    expect(api.messages().filter((m) => m.dropped.length > 0)).toHaveLength(1);
  });

  it('validates agentid, msgtype, content and JSON like WeCom', async () => {
    expect((await send({ ...text('zhangsan', 'x'), agentid: 1 })).errcode).toBe(40056);
    expect((await send({ touser: 'zhangsan', msgtype: 'voice', voice: { media_id: 'm' } })).errcode).toBe(
      40008,
    );
    expect((await send(text('zhangsan', ''))).errcode).toBe(44004);
    expect((await send({ touser: 'zhangsan', msgtype: 'image', image: { media_id: 'nope' } })).errcode).toBe(
      40007,
    );
    const bad = await call(`/cgi-bin/message/send?access_token=${await token()}`, { raw: '{"touser":' });
    expect(bad).toMatchObject({ errcode: 47001, errmsg: 'data format error' });
    expect(api.messages()).toEqual([]);
  });

  it('refuses more than 1000 touser with 40058', async () => {
    const many = Array.from({ length: 1001 }, (_, i) => `u${i}`).join('|');
    expect((await send(text(many, 'x'))).errcode).toBe(40058);
  });

  it('answers 413 to a JSON body over 1 MB', async () => {
    const res = await fetch(`${api.url}/cgi-bin/message/send?access_token=${await token()}`, {
      method: 'POST',
      body: JSON.stringify(text('zhangsan', 'x'.repeat(1024 * 1024))),
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as Json).errcode).toBe(45002);
  });
});

describe('injectFault', () => {
  it('answers the injected errcode exactly `times` times, then behaves normally', async () => {
    const t = await token();
    api.injectFault('message/send', 45009, 2);
    expect(await send(text('zhangsan', '1'), t)).toEqual({ errcode: 45009, errmsg: 'injected' });
    expect((await send(text('zhangsan', '2'), t)).errcode).toBe(45009);
    expect((await send(text('zhangsan', '3'), t)).errcode).toBe(0);
    expect(api.messages().map((m) => (m.body.text as { content: string }).content)).toEqual(['3']);
    expect(api.counts().send).toBe(3);
  });

  it('works for gettoken, and through the control endpoint', async () => {
    api.injectFault('gettoken', -1);
    expect((await call(`/cgi-bin/gettoken?corpid=${CORP.corpId}&corpsecret=${CORP.secret}`)).errcode).toBe(
      -1,
    );
    expect((await token()).length).toBe(64);
    const t = await token();
    expect(await call('/__standin/faults', { body: { api: 'message/send', errcode: 42001 } })).toMatchObject({
      errcode: 0,
    });
    expect((await send(text('zhangsan', 'x'), t)).errcode).toBe(42001);
    expect((await send(text('zhangsan', 'x'), t)).errcode).toBe(0);
  });

  it('rejects an unknown API name', () => {
    expect(() => api.injectFault('message/sned', -1)).toThrow(/unknown WeCom API/);
  });
});

describe('template cards', () => {
  it('returns a response_code usable exactly once with update_template_card', async () => {
    const t = await token();
    const sent = await send(buttonCard('remind_42_1'), t);
    expect(sent).toMatchObject({ errcode: 0 });
    expect(String(sent.response_code).length).toBeGreaterThan(20);
    const update = { agentid: CORP.agentId, userids: ['zhangsan'], response_code: sent.response_code };
    const url = `/cgi-bin/message/update_template_card?access_token=${t}`;
    expect(await call(url, { body: { ...update, button: { replace_name: '已完成' } } })).toMatchObject({
      errcode: 0,
    });
    expect((await call(url, { body: { ...update, button: { replace_name: '再次' } } })).errcode).toBe(42022);
    expect(api.cardUpdates()).toHaveLength(1);
    expect(api.cardUpdates()[0]).toMatchObject({
      taskId: 'remind_42_1',
      body: { button: { replace_name: '已完成' } },
    });
  });

  it('accepts a response_code from issueResponseCode once, and refuses unknown codes', async () => {
    const t = await token();
    await send(buttonCard('remind_7_1'), t);
    const code = api.issueResponseCode('zhangsan', 'remind_7_1');
    const url = `/cgi-bin/message/update_template_card?access_token=${t}`;
    const body = { agentid: CORP.agentId, userids: ['zhangsan'], button: { replace_name: '已确认' } };
    expect((await call(url, { body: { ...body, response_code: code } })).errcode).toBe(0);
    expect((await call(url, { body: { ...body, response_code: code } })).errcode).toBe(42022);
    expect((await call(url, { body: { ...body, response_code: 'made-up' } })).errcode).toBe(40058);
  });

  it('refuses a task_id already used by the app, even after a successful send', async () => {
    const t = await token();
    expect((await send(buttonCard('remind_1_1'), t)).errcode).toBe(0);
    expect(await send(buttonCard('remind_1_1'), t)).toMatchObject({ errcode: 42014 });
    expect((await send(buttonCard('remind_1_2'), t)).errcode).toBe(0);
    expect(api.messages()).toHaveLength(2);
  });

  it('requires a well-formed task_id and buttons on a button card', async () => {
    expect((await send(buttonCard('has space'))).errcode).toBe(42014);
    const noButtons = buttonCard('remind_2_1');
    noButtons.template_card.button_list = [];
    expect((await send(noButtons)).errcode).toBe(40058);
  });
});

describe('media', () => {
  async function upload(type: string, data: Buffer, filename: string, contentType: string): Promise<Json> {
    const form = new FormData();
    form.append('media', new Blob([data], { type: contentType }), filename);
    return call(`/cgi-bin/media/upload?access_token=${await token()}&type=${type}`, { raw: form });
  }

  it('returns the uploaded bytes from media/get with type and file name', async () => {
    const up = await upload('image', PNG, '支部活动.png', 'image/png');
    expect(up).toMatchObject({ errcode: 0, errmsg: 'ok', type: 'image' });
    expect(String(up.created_at)).toMatch(/^\d{10}$/);
    const res = await fetch(
      `${api.url}/cgi-bin/media/get?access_token=${await token()}&media_id=${up.media_id}`,
    );
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('content-disposition')).toContain(
      `filename="${encodeURIComponent('支部活动.png')}"`,
    );
    expect(Buffer.from(await res.arrayBuffer())).toEqual(PNG);
  });

  it('answers 40007 JSON for an unknown media_id', async () => {
    const res = await fetch(`${api.url}/cgi-bin/media/get?access_token=${await token()}&media_id=nope`);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({ errcode: 40007, errmsg: 'invalid media_id' });
  });

  it('enforces size and format limits', async () => {
    expect((await upload('file', Buffer.from('12345'), 'a.txt', 'text/plain')).errcode).toBe(40006);
    expect((await upload('image', Buffer.from('not an image'), 'a.png', 'image/png')).errcode).toBe(40004);
    const big = Buffer.concat([PNG, Buffer.alloc(10 * 1024 * 1024)]);
    expect((await upload('image', big, 'big.png', 'image/png')).errcode).toBe(45001);
    expect((await upload('file', big, 'big.bin', 'application/octet-stream')).errcode).toBe(0);
    expect((await upload('sticker', PNG, 'a.png', 'image/png')).errcode).toBe(40005);
  });

  it('serves putMedia seeds, usable in image messages', async () => {
    const mediaId = api.putMedia(PNG, 'in.png', 'image/png');
    const res = await fetch(`${api.url}/cgi-bin/media/get?access_token=${await token()}&media_id=${mediaId}`);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(PNG);
    expect((await send({ touser: 'zhangsan', msgtype: 'image', image: { media_id: mediaId } })).errcode).toBe(
      0,
    );
  });
});

describe('user/get', () => {
  it('returns a directory member or 60111', async () => {
    const t = await token();
    expect(await call(`/cgi-bin/user/get?access_token=${t}&userid=lisi`)).toEqual({
      errcode: 0,
      errmsg: 'ok',
      userid: 'LiSi',
      name: '李四',
      department: [2, 3],
      status: 1,
    });
    expect((await call(`/cgi-bin/user/get?access_token=${t}&userid=nobody`)).errcode).toBe(60111);
    api.setUsers([{ userid: 'nobody', name: '新人' }]);
    expect((await call(`/cgi-bin/user/get?access_token=${t}&userid=nobody`)).errcode).toBe(0);
  });
});

describe('menu/create', () => {
  const click = (name: string, key = 'K') => ({ type: 'click', name, key });

  it('records a valid menu and enforces button counts and names', async () => {
    const url = `/cgi-bin/menu/create?access_token=${await token()}&agentid=${CORP.agentId}`;
    const menu = { button: [click('我的提醒'), { name: '更多', sub_button: [click('暂停提醒')] }] };
    expect(await call(url, { body: menu })).toEqual({ errcode: 0, errmsg: 'ok' });
    expect(api.menus()).toEqual([menu]);
    expect(
      (await call(url, { body: { button: [click('a'), click('b'), click('c'), click('d')] } })).errcode,
    ).toBe(40016);
    const sixSubs = Array.from({ length: 6 }, (_, i) => click(`s${i}`));
    expect((await call(url, { body: { button: [{ name: '更多', sub_button: sixSubs }] } })).errcode).toBe(
      40023,
    );
    expect((await call(url, { body: { button: [click('')] } })).errcode).toBe(40018);
    expect((await call(url, { body: { button: [click('一二三四五六')] } })).errcode).toBe(40018); // 18 bytes
    const wrongAgent = `/cgi-bin/menu/create?access_token=${await token()}&agentid=1`;
    expect((await call(wrongAgent, { body: menu })).errcode).toBe(40056);
    expect(api.menus()).toHaveLength(1);
  });
});

describe('control endpoints', () => {
  it('streams each sent message over SSE', async () => {
    const stop = new AbortController();
    const res = await fetch(`${api.url}/__standin/stream`, { signal: stop.signal });
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const events = sseData(res.body as ReadableStream<Uint8Array>);
    const first = events.next();
    await send(text('zhangsan', '流式'));
    const { value } = await first;
    stop.abort();
    expect(JSON.parse(String(value))).toEqual(api.messages()[0]);
  });

  it('lists messages by touser and since, and resets', async () => {
    await send(text('zhangsan', '1'));
    await send(text('wangwu', '2'));
    await send(text('zhangsan', '3'));
    const listed = await call('/__standin/messages?touser=zhangsan&since=1');
    expect((listed.messages as Array<{ seq: number }>).map((m) => m.seq)).toEqual([3]);
    expect(await call('/__standin/reset', { body: {} })).toMatchObject({ errcode: 0 });
    expect(api.messages()).toEqual([]);
  });

  it('replaces the directory and expires tokens on request', async () => {
    const t = await token();
    await call('/__standin/users', { body: [{ userid: 'zhaoliu', name: '赵六' }] });
    expect((await send(text('zhangsan', 'x'), t)).errcode).toBe(81013);
    expect((await send(text('zhaoliu', 'x'), t)).errcode).toBe(0);
    await call('/__standin/expire-tokens', { body: {} });
    expect((await send(text('zhaoliu', 'x'), t)).errcode).toBe(42001);
    expect((await call('/__standin/users', { body: [{ id: 1 }] })).errcode).toBe(40058);
  });
});
