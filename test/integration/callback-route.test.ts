import { encrypt as libEncrypt } from '@wecom/crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPLY } from '../../src/bot/replies.js';
import { textMessageXml } from '../../src/standin/callback-client.js';
import { corp, HELP_REPLY, startTestBot, type TestBot, textOf } from '../support/test-bot.js';

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(async () => {
  await bot?.close();
});

const post = (query: Record<string, string>, body: string, headers: Record<string, string> = {}) =>
  fetch(`${bot.url}/wecom/callback?${new URLSearchParams(query)}`, {
    method: 'POST',
    headers: { 'content-type': 'text/xml', ...headers },
    body,
  });

/** A correctly signed envelope around an arbitrary Encrypt value. */
function signedEnvelope(encrypt: string, timestamp = bot.clock.seconds()) {
  const ts = String(timestamp);
  const nonce = '263014780';
  return {
    query: { msg_signature: bot.wecom.sign(ts, nonce, encrypt), timestamp: ts, nonce },
    body: `<xml><ToUserName><![CDATA[${corp.corpId}]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`,
  };
}

const textXml = (fromUser: string, content: string, msgId?: string) =>
  textMessageXml({
    corpId: corp.corpId,
    agentId: corp.agentId,
    fromUser,
    content,
    ...(msgId ? { msgId } : {}),
  });

describe('URL verification (GET)', () => {
  it('answers the decrypted echostr as bare text, as the admin console expects', async () => {
    const res = await bot.wecom.verifyUrl();
    expect(res.status).toBe(200);
    expect(res.body).toBe(res.expected);
  });

  it('refuses a wrong signature (401) and missing parameters (400)', async () => {
    const bad = await fetch(
      `${bot.url}/wecom/callback?msg_signature=00&timestamp=${bot.clock.seconds()}&nonce=1&echostr=abc`,
    );
    expect(bad.status).toBe(401);
    const missing = await fetch(`${bot.url}/wecom/callback?echostr=abc`);
    expect(missing.status).toBe(400);
  });
});

describe('message delivery (POST)', () => {
  it('acknowledges with 200 and an empty body, then replies through the WeCom API', async () => {
    const res = await bot.wecom.sendText('lijianguo', '帮助');
    expect(res).toMatchObject({ status: 200, body: '' });
    const [reply] = await bot.messagesTo('lijianguo');
    expect(reply?.msgtype).toBe('text');
    expect(textOf(reply)).toMatch(HELP_REPLY);
    expect(reply?.body.agentid).toBe(corp.agentId);
  });

  it('collapses one MsgId delivered three times into one job and one reply', async () => {
    const xml = textXml('wangguilan', '我这个月党费交了没有', '7459035031717794886');
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await bot.wecom.postXml(xml)).status);
    expect(statuses).toEqual([200, 200, 200]);
    await bot.messagesTo('wangguilan', 1);
    await new Promise((r) => setTimeout(r, 500)); // room for a wrong second reply to show up
    expect(bot.standin.messages({ touser: 'wangguilan' })).toHaveLength(1);
    const job = await bot.runtime.deps.queues.inbound.getJob('msg-7459035031717794886');
    expect(job?.data.message).toMatchObject({ kind: 'text', msgId: '7459035031717794886' });
  });

  it('keeps two different events from one person in the same second apart', async () => {
    const createTime = bot.clock.seconds();
    // Two menu clicks in one second: FromUserName+CreateTime collide, the hash of the XML does not.
    await bot.wecom.sendEvent('zhaoxiuying', 'click', { EventKey: 'cmd:help' }, { createTime });
    await bot.wecom.sendEvent('zhaoxiuying', 'click', { EventKey: 'cmd:member.info' }, { createTime });
    const replies = await bot.messagesTo('zhaoxiuying', 2);
    expect(replies).toHaveLength(2);
    expect(replies.map(textOf)).toContainEqual(expect.stringMatching(HELP_REPLY));
  });

  it('welcomes a member who gains access, and answers a voice message politely', async () => {
    await bot.wecom.sendEvent('chenshufen', 'subscribe', { EventKey: '' });
    await bot.wecom.sendVoice('chenshufen', { mediaId: 'voice-media-1', format: 'amr' });
    const replies = await bot.messagesTo('chenshufen', 2);
    const texts = replies.map(textOf);
    expect(texts).toContainEqual(expect.stringMatching(/^欢迎使用党建助手/));
    expect(texts).toContain(REPLY.voice);
  });

  it('stores callbacks that arrive together, one MsgId delivered twice among them once', async () => {
    // Twelve callbacks at once (the webhook writes those of one event-loop turn in one Redis call), with
    // chenshufen's second message delivered a second time in the same burst, as a WeCom retry could be.
    const members = ['lijianguo', 'wangguilan', 'zhaoxiuying', 'chenshufen'];
    const before = Object.fromEntries(members.map((m) => [m, bot.standin.messages({ touser: m }).length]));
    const burst = members.flatMap((member, i) =>
      [0, 1, 2].map((j) => textXml(member, '帮助', `74590350317178${i}${j}000`)),
    );
    const repeated = burst[10]!; // chenshufen's second
    const statuses = await Promise.all(
      [...burst, repeated].map(async (xml) => (await bot.wecom.postXml(xml)).status),
    );
    expect(statuses).toEqual(Array(13).fill(200));
    for (const member of members) await bot.messagesTo(member, before[member]! + 3);
    await new Promise((r) => setTimeout(r, 500)); // room for a wrong fourth reply to show up
    for (const member of members)
      expect(bot.standin.messages({ touser: member })).toHaveLength(before[member]! + 3);
    const job = await bot.runtime.deps.queues.inbound.getJob('msg-7459035031717831000');
    expect(job?.data.message).toMatchObject({ fromUser: 'chenshufen', msgId: '7459035031717831000' });
  });
});

describe('every rejection path through the real route', () => {
  it('413 for a body over 64 KiB', async () => {
    const { query } = bot.wecom.buildPost(textXml('lijianguo', 'x'));
    const res = await post(query, `<xml><Encrypt>${'A'.repeat(70 * 1024)}</Encrypt></xml>`);
    expect(res.status).toBe(413);
  });

  it('400 for a body that is not XML, a DTD, or no <Encrypt>', async () => {
    const { query } = bot.wecom.buildPost(textXml('lijianguo', 'x'));
    expect((await post(query, 'hello')).status).toBe(400);
    expect(
      (await post(query, '<!DOCTYPE x [<!ENTITY a "b">]><xml><Encrypt>&a;</Encrypt></xml>')).status,
    ).toBe(400);
    expect((await post(query, '<xml><ToUserName>x</ToUserName></xml>')).status).toBe(400);
  });

  it('401 for a signature that does not match', async () => {
    const { query, body } = bot.wecom.buildPost(textXml('lijianguo', 'x'));
    expect((await post({ ...query, msg_signature: '0'.repeat(40) }, body)).status).toBe(401);
  });

  it('401 for a timestamp more than five minutes off, even when correctly signed', async () => {
    for (const ts of [bot.clock.seconds() - 301, bot.clock.seconds() + 301]) {
      const { query, body } = bot.wecom.buildPost(textXml('lijianguo', 'x'), { timestamp: ts });
      expect((await post(query, body)).status).toBe(401);
    }
  });

  it('400 for signed ciphertext that is not base64, not whole blocks, or badly padded', async () => {
    for (const encrypt of [
      '!!!notbase64',
      Buffer.alloc(40).toString('base64'),
      Buffer.alloc(64, 7).toString('base64'),
    ]) {
      const { query, body } = signedEnvelope(encrypt);
      const res = await post(query, body);
      expect(res.status).toBe(400);
      expect(await res.text()).toBe('undecryptable');
    }
  });

  it('400 for a message encrypted for another corp (receiveid)', async () => {
    const { query, body } = signedEnvelope(
      libEncrypt(corp.encodingAesKey, textXml('lijianguo', 'x'), 'ww_other_corp'),
    );
    const res = await post(query, body);
    expect(res.status).toBe(400);
    expect(await res.text()).toBe('foreign_receiver');
  });

  it('400 for a decrypted message that is not a WeCom message', async () => {
    const { query, body } = signedEnvelope(
      libEncrypt(corp.encodingAesKey, '<xml><Foo>1</Foo></xml>', corp.corpId),
    );
    const res = await post(query, body);
    expect(res.status).toBe(400);
    expect(await res.text()).toBe('malformed_message');
  });

  it('counts every outcome in /metrics', async () => {
    const text = await (await fetch(`${bot.runtime.internalUrl}/metrics`)).text();
    for (const outcome of [
      'accepted',
      'verified',
      'bad_signature',
      'stale_timestamp',
      'undecryptable',
      'too_large',
    ]) {
      expect(text).toMatch(new RegExp(`wecom_callbacks_total\\{outcome="${outcome}"\\} [1-9]`));
    }
    expect(text).toMatch(/wecom_callback_ack_seconds_bucket/);
    expect(text).toMatch(/queue_jobs\{queue="inbound",state="wait"\}/);
    expect(text).toMatch(/wecom_sends_total\{outcome="sent"\} [1-9]/);
  });
});

describe('health', () => {
  it('/healthz answers while the process lives; /readyz checks MongoDB and Redis', async () => {
    expect((await fetch(`${bot.runtime.internalUrl}/healthz`)).status).toBe(200);
    const ready = await fetch(`${bot.runtime.internalUrl}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', mongodb: 'ok', redis: 'ok' });
  });
});
