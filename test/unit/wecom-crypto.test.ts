import { createCipheriv } from 'node:crypto';
import { getSignature, decrypt as libDecrypt, encrypt as libEncrypt } from '@wecom/crypto';
import { describe, expect, it } from 'vitest';
import {
  CallbackCryptoError,
  decryptMessage,
  parseEncodingAesKey,
  verifySignature,
} from '../../src/wecom/crypto.js';

// The official documentation's test vector (加解密方案说明).
const DOC = {
  token: 'QDG6eK',
  aesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
  receiveId: 'wx5823bf96d3bd56c7',
  timestamp: '1409659589',
  nonce: '263014780',
  echostr: 'P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==',
  signature: '5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3',
  plain: '1616140317555161061',
};
const aes = parseEncodingAesKey(DOC.aesKey);

/** Encrypts an arbitrary plaintext layout, to build the malformed inputs WeCom never sends. */
function rawEncrypt(plain: Buffer): string {
  const cipher = createCipheriv('aes-256-cbc', aes.key, aes.iv);
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(plain), cipher.final()]).toString('base64');
}

function layout(msg: string, receiveId: string, lengthField?: number): Buffer {
  const body = Buffer.from(msg);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(lengthField ?? body.length);
  return Buffer.concat([Buffer.alloc(16, 7), len, body, Buffer.from(receiveId)]);
}

function pad32(data: Buffer): Buffer {
  const n = 32 - (data.length % 32);
  return Buffer.concat([data, Buffer.alloc(n, n)]);
}

describe('the documentation test vector', () => {
  it('has the documented signature', () => {
    expect(verifySignature(DOC.token, DOC.timestamp, DOC.nonce, DOC.echostr, DOC.signature)).toBe(true);
  });

  it('decrypts to the documented plaintext with the documented receiveid', () => {
    expect(decryptMessage(aes, DOC.echostr, DOC.receiveId)).toBe(DOC.plain);
  });

  it('refuses the same ciphertext for another corp', () => {
    expect(() => decryptMessage(aes, DOC.echostr, 'ww_someone_else')).toThrow(
      expect.objectContaining({ reason: 'receiveid_mismatch' }),
    );
  });
});

describe('verifySignature', () => {
  it('rejects one changed character, another nonce, and a truncated signature', () => {
    const wrong = `${DOC.signature.slice(0, -1)}0`;
    expect(verifySignature(DOC.token, DOC.timestamp, DOC.nonce, DOC.echostr, wrong)).toBe(false);
    expect(verifySignature(DOC.token, DOC.timestamp, '1', DOC.echostr, DOC.signature)).toBe(false);
    expect(
      verifySignature(DOC.token, DOC.timestamp, DOC.nonce, DOC.echostr, DOC.signature.slice(0, 20)),
    ).toBe(false);
  });

  it('accepts an upper-case hex signature', () => {
    expect(
      verifySignature(DOC.token, DOC.timestamp, DOC.nonce, DOC.echostr, DOC.signature.toUpperCase()),
    ).toBe(true);
  });
});

describe('decryptMessage', () => {
  it('agrees with @wecom/crypto on Chinese text padded past 16 bytes', () => {
    const xml = '<xml><Content><![CDATA[5号楼2单元下水道又堵了 一楼都返水了]]></Content></xml>';
    const encrypted = libEncrypt(DOC.aesKey, xml, DOC.receiveId);
    expect(decryptMessage(aes, encrypted, DOC.receiveId)).toBe(xml);
    expect(libDecrypt(DOC.aesKey, encrypted).message).toBe(xml);
  });

  it.each([
    ['not base64', '###', 'bad_base64'],
    ['a length that is no multiple of 32 bytes', Buffer.alloc(48).toString('base64'), 'bad_block_length'],
    [
      'padding bytes that disagree',
      rawEncrypt(Buffer.concat([layout('hi', DOC.receiveId).subarray(0, 29), Buffer.from([9, 9, 3])])),
      'bad_padding',
    ],
    [
      'a pad value over 32',
      rawEncrypt(Buffer.concat([layout('hi', DOC.receiveId).subarray(0, 31), Buffer.from([33])])),
      'bad_padding',
    ],
    ['a length field past the end', rawEncrypt(pad32(layout('hi', DOC.receiveId, 5000))), 'bad_length_field'],
  ])('rejects %s', (_name, encrypted, reason) => {
    let caught: unknown;
    try {
      decryptMessage(aes, encrypted, DOC.receiveId);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(CallbackCryptoError);
    expect((caught as CallbackCryptoError).reason).toBe(reason);
  });

  it('signs what it encrypts the way WeCom does (cross-check with the official formula)', () => {
    const enc = libEncrypt(DOC.aesKey, 'x', DOC.receiveId);
    expect(verifySignature(DOC.token, '1', '2', enc, getSignature(DOC.token, '1', '2', enc))).toBe(true);
  });
});

describe('parseEncodingAesKey', () => {
  it('refuses a key that is not 43 characters', () => {
    expect(() => parseEncodingAesKey('short')).toThrow(/43/);
  });
});
