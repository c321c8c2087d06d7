import { createDecipheriv, timingSafeEqual } from 'node:crypto';
import { getSignature } from '@wecom/crypto';

/**
 * WeCom callback crypto. `@wecom/crypto` computes signatures, but its `decrypt` accepts bad padding,
 * lying length fields and any receiveid, so decryption is done here with every check WeCom's own
 * libraries make (ierror −40001…−40008).
 */

export type CryptoFailure =
  | 'bad_signature'
  | 'bad_base64'
  | 'bad_block_length'
  | 'bad_padding'
  | 'bad_length_field'
  | 'receiveid_mismatch';

export class CallbackCryptoError extends Error {
  constructor(readonly reason: CryptoFailure) {
    super(`WeCom callback rejected: ${reason}`);
    this.name = 'CallbackCryptoError';
  }
}

export interface AesKey {
  key: Buffer;
  iv: Buffer;
}

const BLOCK = 32; // WeCom pads PKCS#7 to 32-byte blocks, not AES's 16.
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

export function parseEncodingAesKey(encodingAesKey: string): AesKey {
  const key = Buffer.from(`${encodingAesKey}=`, 'base64');
  if (encodingAesKey.length !== 43 || key.length !== 32)
    throw new Error('EncodingAESKey must be 43 characters');
  return { key, iv: key.subarray(0, 16) };
}

/** Constant-time comparison of msg_signature against sha1(sort(token, timestamp, nonce, encrypt)). */
export function verifySignature(
  token: string,
  timestamp: string,
  nonce: string,
  encrypt: string,
  signature: string,
): boolean {
  const expected = Buffer.from(getSignature(token, timestamp, nonce, encrypt), 'utf8');
  const given = Buffer.from(signature.toLowerCase(), 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Decrypts an `Encrypt` value and returns the message, insisting that receiveid is ours. */
export function decryptMessage(aes: AesKey, encrypt: string, expectedReceiveId: string): string {
  if (!BASE64.test(encrypt)) throw new CallbackCryptoError('bad_base64');
  const cipherText = Buffer.from(encrypt, 'base64');
  if (cipherText.length === 0 || cipherText.length % BLOCK !== 0)
    throw new CallbackCryptoError('bad_block_length');

  const decipher = createDecipheriv('aes-256-cbc', aes.key, aes.iv);
  decipher.setAutoPadding(false);
  const plain = Buffer.concat([decipher.update(cipherText), decipher.final()]);

  const pad = plain[plain.length - 1] ?? 0;
  if (pad < 1 || pad > BLOCK || !plain.subarray(plain.length - pad).every((b) => b === pad)) {
    throw new CallbackCryptoError('bad_padding');
  }
  const body = plain.subarray(0, plain.length - pad);
  if (body.length < 20) throw new CallbackCryptoError('bad_length_field');
  const msgLength = body.readUInt32BE(16);
  if (20 + msgLength > body.length) throw new CallbackCryptoError('bad_length_field');

  const receiveId = body.subarray(20 + msgLength).toString('utf8');
  if (receiveId !== expectedReceiveId) throw new CallbackCryptoError('receiveid_mismatch');
  return body.subarray(20, 20 + msgLength).toString('utf8');
}
