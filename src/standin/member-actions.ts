import type { CallbackResponse, WecomCallbackClient } from './callback-client.js';

/**
 * What a person does in the WeCom app besides typing, played against the stand-in and the bot exactly as WeCom
 * does it (platform doc §2): shared by `npm run say` and the /dev simulator.
 */

async function control(standinUrl: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${standinUrl}/__standin/${path}`, {
    ...(body !== undefined && {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
    signal: AbortSignal.timeout(5_000),
  });
  const answer = (await res.json()) as Record<string, unknown>;
  if (answer.errcode !== 0)
    throw new Error(`模拟企业微信拒绝了 / stand-in refused: ${String(answer.errmsg)}`);
  return answer;
}

/**
 * A resident who is in the corp but on no Party roster: only people in the app's visibility can write to it, so
 * the stand-in adds them first (as an admin would), and the first time WeCom tells the app with `subscribe`.
 */
export async function joinAsResident(standinUrl: string, client: WecomCallbackClient, userid: string) {
  const { added } = await control(standinUrl, 'users/add', { userid });
  if (added === true) {
    const res = await client.sendEvent(userid, 'subscribe');
    if (res.status !== 200) throw new Error(`the bot answered ${res.status} to the subscribe event`);
  }
  return { added: added === true };
}

/** A photo from the phone: WeCom stores it (a 3-day MediaId) and sends an image message. */
export async function sendPhoto(
  standinUrl: string,
  client: WecomCallbackClient,
  userid: string,
  photo: { data: Buffer; filename: string },
): Promise<CallbackResponse> {
  const { media_id } = await control(standinUrl, 'media', {
    data: photo.data.toString('base64'),
    filename: photo.filename,
  });
  return client.sendImage(userid, { mediaId: String(media_id) });
}

/** 「31.2304,121.4737,幸福里5号楼」 → a location message's coordinates and label. */
export function parseLocation(text: string): { latitude: number; longitude: number; label: string } | null {
  const [lat, lng, ...label] = text.split(/[,，]/).map((p) => p.trim());
  const latitude = Number(lat);
  const longitude = Number(lng);
  if (!lat || !lng || !Number.isFinite(latitude) || !Number.isFinite(longitude)) return null;
  if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180) return null;
  return { latitude, longitude, label: label.join(',') };
}

/** The app menu's clickable items, as last pushed with menu/create. */
export async function menuItems(standinUrl: string): Promise<Array<{ key: string; name: string }>> {
  const { items } = await control(standinUrl, 'menu');
  return Array.isArray(items) ? (items as Array<{ key: string; name: string }>) : [];
}

/** A tap on a menu item: WeCom sends `click` with its key — only for items the pushed menu has. */
export async function clickMenu(
  standinUrl: string,
  client: WecomCallbackClient,
  userid: string,
  key: string,
): Promise<CallbackResponse> {
  const items = await menuItems(standinUrl);
  if (!items.some((i) => i.key === key)) {
    throw new Error(
      items.length === 0
        ? '应用还没有菜单：先运行 npm run menu -- sync --local / no menu pushed yet'
        : `菜单里没有 ${key}；可点：${items.map((i) => `${i.key}（${i.name}）`).join('、')}`,
    );
  }
  return client.sendEvent(userid, 'click', { EventKey: key });
}
