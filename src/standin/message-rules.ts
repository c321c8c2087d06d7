import { createHash } from 'node:crypto';
import { isRecord, type WecomError, wecomError } from './http-io.js';
import { checkTemplateCard } from './template-card-rules.js';

/** message/send validation as WeCom applies it (platform doc §5). */

export interface DirectoryUser {
  userid: string;
  name: string;
  department: number[];
}

/** Keyed by lower-cased userid: WeCom matches userids case-insensitively and reports invalid ones lower-cased. */
export type Directory = ReadonlyMap<string, DirectoryUser>;

const MAX_CONTENT_BYTES = 2048;

const MAX_TOUSER = 1000;
const MAX_PARTY_OR_TAG = 100;

type PayloadCheck = (
  payload: Record<string, unknown>,
  mediaExists: (id: string) => boolean,
) => WecomError | undefined;

const nonEmpty = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

const contentCheck: PayloadCheck = (p) =>
  nonEmpty(p.content) ? undefined : wecomError(44004, 'empty content');

const mediaCheck: PayloadCheck = (p, mediaExists) => {
  if (!nonEmpty(p.media_id)) return wecomError(41006, 'media_id missing');
  return mediaExists(p.media_id) ? undefined : wecomError(40007, 'invalid media_id');
};

const PAYLOAD_CHECKS = new Map<string, PayloadCheck>(
  Object.entries({
    text: contentCheck,
    markdown: contentCheck,
    image: mediaCheck,
    file: mediaCheck,
    textcard: (p) => {
      if (!nonEmpty(p.title)) return wecomError(41016, 'title missing');
      if (!nonEmpty(p.description)) return wecomError(41033, 'description missing');
      return nonEmpty(p.url) ? undefined : wecomError(41010, 'url missing');
    },
    news: (p) => {
      const articles = p.articles;
      if (!Array.isArray(articles) || articles.length < 1 || articles.length > 8) {
        return wecomError(45008, 'article count out of limit: 1..8');
      }
      for (const a of articles) {
        if (!isRecord(a) || !nonEmpty(a.title)) return wecomError(41016, 'title missing');
        if (!nonEmpty(a.url) && !(nonEmpty(a.appid) && nonEmpty(a.pagepath)))
          return wecomError(41010, 'url missing');
      }
      return undefined;
    },
    template_card: (p) => checkTemplateCard(p),
  } satisfies Record<string, PayloadCheck>),
);

/** Checks everything except recipients and task_id uniqueness, in the order WeCom reports them. */
export function checkSendBody(
  body: Record<string, unknown>,
  agentId: number,
  mediaExists: (id: string) => boolean,
): WecomError | undefined {
  if (String(body.agentid) !== String(agentId)) return wecomError(40056, 'invalid agentid');
  const msgtype = typeof body.msgtype === 'string' ? body.msgtype : '';
  const check = PAYLOAD_CHECKS.get(msgtype);
  if (!check) return wecomError(40008, 'invalid message type');
  const payload = body[msgtype];
  if (!isRecord(payload)) {
    return msgtype === 'text' || msgtype === 'markdown'
      ? wecomError(44004, 'empty content')
      : wecomError(40058, `invalid parameter: ${msgtype} missing`);
  }
  return check(payload, mediaExists);
}

/**
 * WeCom delivers text/markdown over 2048 bytes truncated, with errcode 0. Returns the body as delivered and the
 * original byte length when it was cut.
 */
export function truncateForDelivery(body: Record<string, unknown>): {
  body: Record<string, unknown>;
  truncatedFrom?: number;
} {
  const msgtype = String(body.msgtype);
  const payload = body[msgtype];
  if (
    (msgtype !== 'text' && msgtype !== 'markdown') ||
    !isRecord(payload) ||
    typeof payload.content !== 'string'
  ) {
    return { body };
  }
  const bytes = Buffer.byteLength(payload.content);
  if (bytes <= MAX_CONTENT_BYTES) return { body };
  const content = truncateUtf8(payload.content, MAX_CONTENT_BYTES);
  return { body: { ...body, [msgtype]: { ...payload, content } }, truncatedFrom: bytes };
}

/** Cuts to at most maxBytes of UTF-8 without splitting a character (where WeCom cuts inside one is unknown). */
function truncateUtf8(text: string, maxBytes: number): string {
  const buf = Buffer.from(text, 'utf8');
  if (buf.length <= maxBytes) return text;
  let end = maxBytes;
  while (end > 0 && ((buf[end] ?? 0) & 0xc0) === 0x80) end--;
  return buf.subarray(0, end).toString('utf8');
}

export interface Recipients {
  /** Every addressed member, expanded from @all and toparty, de-duplicated. */
  touser: string[];
  valid: string[];
  invalidUsers: string[];
  invalidParties: string[];
  invalidTags: string[];
}

const splitIds = (v: unknown): string[] =>
  typeof v === 'string' || typeof v === 'number'
    ? String(v)
        .split('|')
        .map((s) => s.trim())
        .filter(Boolean)
    : [];

export function resolveRecipients(
  body: Record<string, unknown>,
  directory: Directory,
): Recipients | WecomError {
  const users = splitIds(body.touser);
  const parties = splitIds(body.toparty);
  const tags = splitIds(body.totag);
  if (users.length > MAX_TOUSER) return wecomError(40058, 'invalid parameter: touser exceeds 1000');
  if (parties.length > MAX_PARTY_OR_TAG || tags.length > MAX_PARTY_OR_TAG) {
    return wecomError(40058, 'invalid parameter: toparty/totag exceeds 100');
  }
  if (users.length + parties.length + tags.length === 0)
    return wecomError(82001, 'touser & toparty & totag all empty');

  const touser = new Set<string>();
  const valid = new Set<string>();
  const invalidUsers: string[] = [];
  const invalidParties: string[] = [];
  const all = [...directory.values()];
  const addValid = (userid: string) => {
    touser.add(userid);
    valid.add(userid);
  };
  if (users.includes('@all')) {
    // @all overrides toparty/totag (platform doc §5.1).
    for (const u of all) addValid(u.userid);
  } else {
    for (const id of users) {
      const user = directory.get(id.toLowerCase());
      if (user) addValid(user.userid);
      else if (!touser.has(id.toLowerCase())) {
        touser.add(id.toLowerCase());
        invalidUsers.push(id.toLowerCase());
      }
    }
    for (const party of parties) {
      const members = all.filter((u) => u.department.includes(Number(party)));
      if (members.length === 0) invalidParties.push(party);
      for (const m of members) addValid(m.userid);
    }
  }
  // Tags are not modelled: every tag is invalid, as in a corp that has none.
  const invalidTags = users.includes('@all') ? [] : tags;
  if (valid.size === 0) return wecomError(81013, 'user & party & tag all invalid');
  return { touser: [...touser], valid: [...valid], invalidUsers, invalidParties, invalidTags };
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** WeCom silently drops messages beyond 30/min and 1000/h per member per app (platform doc §6). */
export class RecipientRateLimiter {
  readonly #delivered = new Map<string, number[]>();

  /** Records and returns true if WeCom would deliver one more message to this member now. */
  admit(userid: string, now = Date.now()): boolean {
    const lastHour = (this.#delivered.get(userid) ?? []).filter((t) => now - t < HOUR);
    const lastMinute = lastHour.filter((t) => now - t < MINUTE).length;
    const admitted = lastMinute < 30 && lastHour.length < 1000;
    if (admitted) lastHour.push(now);
    this.#delivered.set(userid, lastHour);
    return admitted;
  }

  clear(): void {
    this.#delivered.clear();
  }
}

const DEFAULT_DUPLICATE_INTERVAL_S = 1800;
const MAX_DUPLICATE_INTERVAL_S = 4 * 3600;

/**
 * `enable_duplicate_check`: WeCom does not deliver a request whose JSON is identical to one it accepted
 * within `duplicate_check_interval` seconds (default 1800, at most 4 h); the call still succeeds.
 */
export class DuplicateCheck {
  readonly #seen = new Map<string, { at: number; msgid: string }>();

  /** The msgid of the identical earlier request, if this one is a duplicate; records it otherwise. */
  seen(body: Record<string, unknown>, msgid: string, now = Date.now()): string | null {
    if (Number(body.enable_duplicate_check) !== 1) return null;
    const seconds = Math.min(
      Number(body.duplicate_check_interval) || DEFAULT_DUPLICATE_INTERVAL_S,
      MAX_DUPLICATE_INTERVAL_S,
    );
    const key = createHash('sha1').update(JSON.stringify(body)).digest('hex');
    const earlier = this.#seen.get(key);
    if (earlier && now - earlier.at < seconds * 1000) return earlier.msgid;
    this.#seen.set(key, { at: now, msgid });
    return null;
  }

  clear(): void {
    this.#seen.clear();
  }
}
