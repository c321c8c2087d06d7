import { type AesKey, CallbackCryptoError, decryptMessage, verifySignature } from './crypto.js';
import { InboundFormatError, type InboundMessage, parseInbound } from './inbound.js';
import { envelopeEncrypt, XmlError } from './xml.js';

/** What the callback route needs to open WeCom's envelopes; built once from config. */
export interface CallbackSecrets {
  corpId: string;
  token: string;
  aes: AesKey;
}

export type CallbackOutcome =
  | 'accepted'
  | 'duplicate'
  | 'verified'
  | 'bad_request'
  | 'bad_signature'
  | 'stale_timestamp'
  | 'undecryptable'
  | 'foreign_receiver'
  | 'malformed_message'
  | 'too_large'
  | 'queue_unavailable';

export class CallbackRejection extends Error {
  constructor(
    readonly status: 400 | 401 | 413,
    readonly outcome: CallbackOutcome,
    detail: string,
  ) {
    super(detail);
    this.name = 'CallbackRejection';
  }
}

/** WeCom gives no official skew; five minutes either way stops replays without tripping on clock drift. */
export const MAX_SKEW_SECONDS = 300;

export interface SignedQuery {
  msg_signature?: string | string[];
  timestamp?: string | string[];
  nonce?: string | string[];
  echostr?: string | string[];
}

function single(value: string | string[] | undefined, name: string): string {
  if (typeof value !== 'string' || value === '')
    throw new CallbackRejection(400, 'bad_request', `missing ${name}`);
  return value;
}

function checkSignedRequest(
  secrets: CallbackSecrets,
  query: SignedQuery,
  encrypt: string,
  nowSeconds: number,
) {
  const signature = single(query.msg_signature, 'msg_signature');
  const timestamp = single(query.timestamp, 'timestamp');
  const nonce = single(query.nonce, 'nonce');
  if (!/^\d{1,12}$/.test(timestamp))
    throw new CallbackRejection(400, 'bad_request', 'timestamp is not unix seconds');
  if (Math.abs(nowSeconds - Number(timestamp)) > MAX_SKEW_SECONDS) {
    throw new CallbackRejection(401, 'stale_timestamp', 'timestamp outside the allowed window');
  }
  if (!verifySignature(secrets.token, timestamp, nonce, encrypt, signature)) {
    throw new CallbackRejection(401, 'bad_signature', 'msg_signature does not match');
  }
}

function decrypt(secrets: CallbackSecrets, encrypt: string): string {
  try {
    return decryptMessage(secrets.aes, encrypt, secrets.corpId);
  } catch (error) {
    if (!(error instanceof CallbackCryptoError)) throw error;
    if (error.reason === 'receiveid_mismatch') {
      throw new CallbackRejection(400, 'foreign_receiver', 'receiveid is not this corp');
    }
    throw new CallbackRejection(400, 'undecryptable', error.reason);
  }
}

/** URL verification (GET): the signature covers echostr, and the answer is its plaintext. */
export function openEchostr(secrets: CallbackSecrets, query: SignedQuery, nowSeconds: number): string {
  const echostr = single(query.echostr, 'echostr');
  checkSignedRequest(secrets, query, echostr, nowSeconds);
  return decrypt(secrets, echostr);
}

/** Event delivery (POST): verify, decrypt, type. Pure apart from reading the clock value it is given. */
export function openCallback(
  secrets: CallbackSecrets,
  query: SignedQuery,
  body: string,
  nowSeconds: number,
): { message: InboundMessage; xml: string } {
  let encrypt: string | undefined;
  try {
    encrypt = envelopeEncrypt(body);
  } catch (error) {
    if (error instanceof XmlError) throw new CallbackRejection(400, 'bad_request', error.message);
    throw error;
  }
  if (!encrypt) throw new CallbackRejection(400, 'bad_request', 'missing <Encrypt>');
  checkSignedRequest(secrets, query, encrypt, nowSeconds);
  const xml = decrypt(secrets, encrypt);
  try {
    return { message: parseInbound(xml), xml };
  } catch (error) {
    if (error instanceof InboundFormatError || error instanceof XmlError) {
      throw new CallbackRejection(400, 'malformed_message', error.message);
    }
    throw error;
  }
}
