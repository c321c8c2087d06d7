import { isRecord, type WecomError, wecomError } from './http-io.js';

/** menu/create rules (platform doc §9); errcodes differ between top-level and sub buttons, as in WeCom's list. */

const TYPES = new Set([
  'click',
  'view',
  'scancode_push',
  'scancode_waitmsg',
  'pic_sysphoto',
  'pic_photo_or_album',
  'pic_weixin',
  'location_select',
  'view_miniprogram',
]);
const NO_KEY_TYPES = new Set(['view', 'view_miniprogram']);

interface Level {
  maxNameBytes: number;
  codes: { type: number; name: number; key: number; url: number };
}

const TOP: Level = { maxNameBytes: 16, codes: { type: 40017, name: 40018, key: 40019, url: 40020 } };
const SUB: Level = { maxNameBytes: 40, codes: { type: 40024, name: 40025, key: 40026, url: 40027 } };

const bytes = (v: unknown) => (typeof v === 'string' ? Buffer.byteLength(v) : 0);

function checkButton(button: unknown, level: Level): WecomError | undefined {
  if (!isRecord(button)) return wecomError(level.codes.type, 'invalid button');
  const { codes } = level;
  const nameBytes = bytes(button.name);
  if (nameBytes === 0 || nameBytes > level.maxNameBytes)
    return wecomError(codes.name, 'invalid button name size');
  if (button.sub_button !== undefined) {
    if (level === SUB) return wecomError(40022, 'invalid sub button level');
    const subs = button.sub_button;
    if (!Array.isArray(subs) || subs.length < 1 || subs.length > 5) {
      return wecomError(40023, 'invalid sub button size');
    }
    for (const sub of subs) {
      const bad = checkButton(sub, SUB);
      if (bad) return bad;
    }
    return undefined;
  }
  const type = String(button.type);
  if (!TYPES.has(type)) return wecomError(codes.type, 'invalid button type');
  if (!NO_KEY_TYPES.has(type) && (bytes(button.key) === 0 || bytes(button.key) > 128)) {
    return wecomError(codes.key, 'invalid button key size');
  }
  if (type === 'view' && (bytes(button.url) === 0 || bytes(button.url) > 1024)) {
    return wecomError(codes.url, 'invalid button url size');
  }
  if (type === 'view_miniprogram' && !(bytes(button.appid) && bytes(button.pagepath))) {
    return wecomError(40058, 'invalid parameter: appid and pagepath required');
  }
  return undefined;
}

export function checkMenu(body: Record<string, unknown>): WecomError | undefined {
  const buttons = body.button;
  if (!Array.isArray(buttons) || buttons.length < 1 || buttons.length > 3) {
    return wecomError(40016, 'invalid button size');
  }
  for (const button of buttons) {
    const bad = checkButton(button, TOP);
    if (bad) return bad;
  }
  return undefined;
}
