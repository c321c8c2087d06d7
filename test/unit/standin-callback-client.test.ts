import { createDecipheriv, createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  decryptMessage,
  eventXml,
  newMsgId,
  templateCardEventXml,
  textMessageXml,
  WecomCallbackClient,
} from '../../src/standin/callback-client.js';
import { aesKeyFrom, encryptMessage } from '../../src/standin/wecom-cipher.js';

// Official test vector (WeCom 加解密方案说明, path/90968).
const DOC = {
  token: 'QDG6eK',
  encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
  corpId: 'wx5823bf96d3bd56c7',
  timestamp: '1409659589',
  nonce: '263014780',
  echostr: 'P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==',
  signature: '5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3',
};

const client = (botUrl = 'http://127.0.0.1:1/wecom/callback') =>
  new WecomCallbackClient({
    botUrl,
    corpId: DOC.corpId,
    agentId: 1000002,
    token: DOC.token,
    encodingAesKey: DOC.encodingAesKey,
  });

const key = aesKeyFrom(DOC.encodingAesKey);

/** Raw AES-CBC without unpadding, to look at the 32-byte padding itself. */
function rawDecrypt(b64: string): Buffer {
  const d = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
  d.setAutoPadding(false);
  return Buffer.concat([d.update(Buffer.from(b64, 'base64')), d.final()]);
}

const cdataOf = (xml: string, tag: string) =>
  new RegExp(`<${tag}><!\\[CDATA\\[(.*?)\\]\\]></${tag}>`, 's').exec(xml)?.[1];

describe('WeCom cipher (doc test vector)', () => {
  it('signs the echostr exactly as the official sample', () => {
    expect(client().sign(DOC.timestamp, DOC.nonce, DOC.echostr)).toBe(DOC.signature);
  });

  it('decrypts the echostr to the documented message and receiveid', () => {
    expect(decryptMessage(key, DOC.echostr)).toEqual({
      message: '1616140317555161061',
      receiveId: DOC.corpId,
    });
  });

  it('round-trips multibyte Chinese with the corp id as receiveid', () => {
    const xml = '<xml><Content><![CDATA[学习二十大精神 🇨🇳 党建助手]]></Content></xml>';
    expect(decryptMessage(key, client().encrypt(xml))).toEqual({ message: xml, receiveId: DOC.corpId });
  });

  it('pads to 32-byte blocks, so the pad value can exceed 16', () => {
    // 16 random + 4 len + 1 msg + 18 corp id = 39 bytes → pad 25.
    const shortPad = rawDecrypt(encryptMessage(key, 'a', DOC.corpId));
    expect(shortPad.length).toBe(64);
    expect(shortPad.at(-1)).toBe(25);
    expect(shortPad.subarray(39).every((b) => b === 25)).toBe(true);
    // 16 + 4 + 26 + 18 = 64 bytes: a whole extra block of 32s.
    const fullBlock = rawDecrypt(encryptMessage(key, 'x'.repeat(26), DOC.corpId));
    expect(fullBlock.length).toBe(96);
    expect(fullBlock.subarray(64).every((b) => b === 32)).toBe(true);
  });

  it('lays out random16 ‖ BE uint32 length ‖ msg ‖ receiveid', () => {
    const random = Buffer.alloc(16, 7);
    const plain = rawDecrypt(encryptMessage(key, '党建', DOC.corpId, random));
    expect(plain.subarray(0, 16)).toEqual(random);
    expect(plain.readUInt32BE(16)).toBe(6); // two 3-byte characters
    expect(plain.subarray(20, 26).toString('utf8')).toBe('党建');
    expect(plain.subarray(26, 44).toString('utf8')).toBe(DOC.corpId);
  });
});

describe('buildPost', () => {
  it('signs the Encrypt value with the query timestamp and nonce', () => {
    const post = client().buildPost('<xml>hi</xml>', { timestamp: 1700000000, nonce: '12345' });
    const encrypt = cdataOf(post.body, 'Encrypt') ?? '';
    const expected = createHash('sha1')
      .update([DOC.token, '1700000000', '12345', encrypt].sort().join(''))
      .digest('hex');
    expect(post.query).toEqual({ msg_signature: expected, timestamp: '1700000000', nonce: '12345' });
    expect(new URL(post.url).searchParams.get('msg_signature')).toBe(expected);
    expect(cdataOf(post.body, 'ToUserName')).toBe(DOC.corpId);
    expect(cdataOf(post.body, 'AgentID')).toBe('1000002');
    expect(decryptMessage(key, encrypt).message).toBe('<xml>hi</xml>');
  });
});

describe('inbound XML builders', () => {
  it('builds a text message with a 19-digit MsgId above 2^53 and CreateTime in seconds', () => {
    const xml = textMessageXml({
      corpId: DOC.corpId,
      fromUser: 'zhangsan',
      agentId: 1000002,
      content: 'a]]>b',
    });
    const msgId = /<MsgId>(\d+)<\/MsgId>/.exec(xml)?.[1] ?? '';
    expect(msgId).toMatch(/^\d{19}$/);
    expect(BigInt(msgId) > 2n ** 53n && BigInt(msgId) < 2n ** 63n).toBe(true);
    const createTime = Number(/<CreateTime>(\d+)<\/CreateTime>/.exec(xml)?.[1]);
    // real-clock: without a CreateTime the builder stamps the machine's time, as WeCom does.
    expect(Math.abs(createTime - Date.now() / 1000)).toBeLessThan(5);
    // "]]>" inside content must not end the CDATA section early.
    expect(xml).toContain('<Content><![CDATA[a]]]]><![CDATA[>b]]></Content>');
    expect(xml).toContain('<MsgType><![CDATA[text]]></MsgType>');
    expect(xml).toMatch(/<AgentID>1000002<\/AgentID><\/xml>$/);
  });

  it('generates distinct MsgIds', () => {
    expect(new Set(Array.from({ length: 1000 }, newMsgId)).size).toBe(1000);
  });

  it('gives subscribe an empty EventKey and template_card_event its fields', () => {
    const base = { corpId: DOC.corpId, fromUser: 'lisi', agentId: 1000002, createTime: 1700000000 };
    expect(eventXml({ ...base, event: 'subscribe' })).toContain(
      '<Event><![CDATA[subscribe]]></Event><EventKey><![CDATA[]]></EventKey>',
    );
    const card = templateCardEventXml({
      ...base,
      eventKey: 'done',
      taskId: 't1',
      responseCode: 'rc',
      selectedItems: [{ questionKey: 'q1', optionIds: ['o1', 'o2'] }],
    });
    expect(card).toContain('<CardType><![CDATA[button_interaction]]></CardType>');
    expect(card).toContain('<ResponseCode><![CDATA[rc]]></ResponseCode>');
    expect(card).toContain(
      '<OptionIds><OptionId><![CDATA[o1]]></OptionId><OptionId><![CDATA[o2]]></OptionId></OptionIds>',
    );
  });
});

describe('against a bot endpoint', () => {
  let server: Server;
  let botUrl: string;
  const received: Array<{ method: string; query: URLSearchParams; body: string; contentType?: string }> = [];

  beforeAll(async () => {
    // A minimal bot: echoes verify requests and answers POSTs with a passive reply signed by itself.
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => {
        body += c.toString();
      });
      req.on('end', () => {
        const query = new URL(req.url ?? '/', 'http://x').searchParams;
        received.push({ method: req.method ?? '', query, body, contentType: req.headers['content-type'] });
        if (req.method === 'GET') return res.end(decryptMessage(key, query.get('echostr') ?? '').message);
        const reply = client().encrypt('<xml><Content><![CDATA[收到]]></Content></xml>');
        const sig = client().sign('1700000001', 'n1', reply);
        res.end(
          `<xml><Encrypt><![CDATA[${reply}]]></Encrypt><MsgSignature><![CDATA[${sig}]]></MsgSignature>` +
            '<TimeStamp>1700000001</TimeStamp><Nonce><![CDATA[n1]]></Nonce></xml>',
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    botUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/wecom/callback`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('verifyUrl sends a signed, encrypted echostr and reports what the bot should answer', async () => {
    const result = await client(botUrl).verifyUrl();
    const q = received.at(-1)?.query;
    expect(result.status).toBe(200);
    expect(result.body).toBe(result.expected);
    expect(result.expected).toMatch(/^\d{19}$/);
    expect(client().sign(q?.get('timestamp') ?? '', q?.get('nonce') ?? '', q?.get('echostr') ?? '')).toBe(
      q?.get('msg_signature'),
    );
  });

  it('sendText posts an envelope whose Encrypt opens to the text message, and openReply reads the answer', async () => {
    const c = client(botUrl);
    const res = await c.sendText('zhangsan', '帮助', {
      msgId: '7459035031717794886',
      createTime: 1700000000,
    });
    const req = received.at(-1);
    expect(req?.method).toBe('POST');
    expect(req?.contentType).toBe('text/xml');
    const inner = decryptMessage(key, cdataOf(req?.body ?? '', 'Encrypt') ?? '').message;
    expect(inner).toBe(
      textMessageXml({
        corpId: DOC.corpId,
        fromUser: 'zhangsan',
        agentId: 1000002,
        content: '帮助',
        msgId: '7459035031717794886',
        createTime: 1700000000,
      }),
    );
    expect(res.msgId).toBe('7459035031717794886');
    expect(c.openReply(res.body)).toBe('<xml><Content><![CDATA[收到]]></Content></xml>');
    expect(() =>
      c.openReply(res.body.replace(/<Nonce>.*<\/Nonce>/, '<Nonce><![CDATA[n2]]></Nonce>')),
    ).toThrow(/signature/);
  });
});
