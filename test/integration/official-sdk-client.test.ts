/**
 * Interoperability: WeCom's own npm package (@wecom/crypto) plays the platform here instead of the
 * project's callback client — it verifies the URL and sends a text, and the help reply must arrive.
 */
import { randomInt } from 'node:crypto';
import { decrypt, encrypt, getSignature } from '@wecom/crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corp, HELP_REPLY, startTestBot, type TestBot, textOf } from '../support/test-bot.js';

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(async () => {
  await bot?.close();
});

function signedQuery(encrypted: string): URLSearchParams {
  const timestamp = String(bot.clock.seconds());
  const nonce = String(randomInt(1e8, 1e9));
  return new URLSearchParams({
    msg_signature: getSignature(corp.token, timestamp, nonce, encrypted),
    timestamp,
    nonce,
  });
}

describe('a WeCom implementation other than ours', () => {
  it('verifies the callback URL', async () => {
    const echo = '4382219850651683749';
    const echostr = encrypt(corp.encodingAesKey, echo, corp.corpId);
    const query = signedQuery(echostr);
    query.set('echostr', echostr);
    const res = await fetch(`${bot.url}/wecom/callback?${query}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(echo);
    expect(decrypt(corp.encodingAesKey, echostr).id).toBe(corp.corpId);
  });

  it('sends a text and sees the help reply arrive on the WeCom API', async () => {
    bot.standin.setUsers([{ userid: 'liuqiang', name: '刘强' }]);
    const xml =
      `<xml><ToUserName><![CDATA[${corp.corpId}]]></ToUserName><FromUserName><![CDATA[liuqiang]]></FromUserName>` +
      `<CreateTime>${bot.clock.seconds()}</CreateTime><MsgType><![CDATA[text]]></MsgType>` +
      `<Content><![CDATA[帮助]]></Content><MsgId>7459035031717795001</MsgId><AgentID>${corp.agentId}</AgentID></xml>`;
    const encrypted = encrypt(corp.encodingAesKey, xml, corp.corpId);
    const res = await fetch(`${bot.url}/wecom/callback?${signedQuery(encrypted)}`, {
      method: 'POST',
      headers: { 'content-type': 'text/xml' },
      body: `<xml><ToUserName><![CDATA[${corp.corpId}]]></ToUserName><AgentID><![CDATA[${corp.agentId}]]></AgentID><Encrypt><![CDATA[${encrypted}]]></Encrypt></xml>`,
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    const [reply] = await bot.messagesTo('liuqiang');
    expect(textOf(reply)).toMatch(HELP_REPLY);
  });
});
