/**
 * npm run say -- <userid> "帮助"
 * Sends one text message to the local bot as WeCom would (signed, encrypted callback) and prints what the bot
 * sends back through the WeCom stand-in. Env: BOT_URL (default http://127.0.0.1:3000), STANDIN_URL
 * (default http://127.0.0.1:3100).
 *
 * npm run say -- --kf <external_userid> [--account <open_kfid>] "5号楼下水道堵了"
 * A resident on plain WeChat writing to a 微信客服 account (the stand-in's first one unless named): the
 * stand-in logs the message, the bot is told with kf_msg_or_event and pulls it; prints what the resident
 * reads, then the reply window (48 h, 5 messages) and what the bot holds back for them.
 *
 * npm run say -- --resident <userid> "反映 5号楼下水道堵了"
 * A resident who is in the corp but on no Party roster: the stand-in adds them to the app's visibility (and
 * WeCom's `subscribe` event reaches the bot the first time), then the message goes as any member's.
 *
 * Instead of text (with any of the above): --image <file.jpg|png>, --location <lat,lng,label>, --click <menu key>
 * (the keys of the menu pushed with `npm run menu -- sync --local`; a wrong key lists them).
 */

import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { localCorp } from '../src/cli/env.js';
import { WecomCallbackClient } from '../src/standin/callback-client.js';
import type { RecordedMessage } from '../src/standin/fake-wecom-api.js';
import { clickMenu, joinAsResident, parseLocation, sendPhoto } from '../src/standin/member-actions.js';
import { sseData } from '../src/standin/sse-reader.js';

const WAIT_MS = 10_000;
const QUIET_MS = 1_000;

function fail(zh: string, en: string): never {
  console.error(`✗ ${zh}\n  ${en}`);
  process.exit(1);
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const obj = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};

/** One readable block per recorded message, whatever its msgtype. */
function describe(m: RecordedMessage, userid: string): string {
  const payload = obj(m.body[m.msgtype]);
  let text: string;
  switch (m.msgtype) {
    case 'text':
    case 'markdown':
      text = str(payload.content);
      break;
    case 'textcard':
      text = `${str(payload.title)}\n${str(payload.description)}\n→ ${str(payload.url)}`;
      break;
    case 'template_card': {
      const title = str(obj(payload.main_title).title);
      const buttons = Array.isArray(payload.button_list)
        ? payload.button_list.map((b) => `[${str(obj(b).text)}]`).join(' ')
        : '';
      text = [`(${str(payload.card_type)}) ${title}`, str(payload.sub_title_text), buttons]
        .filter(Boolean)
        .join('\n');
      break;
    }
    case 'news':
      text = (Array.isArray(payload.articles) ? payload.articles : [])
        .map((a) => `• ${str(obj(a).title)}`)
        .join('\n');
      break;
    default:
      text = m.filename
        ? `${m.filename} (media_id ${str(payload.media_id)})`
        : `media_id ${str(payload.media_id)}`;
  }
  const notes = [
    m.truncatedFrom !== undefined && `truncated from ${m.truncatedFrom} bytes`,
    m.dropped.some((u) => u.toLowerCase() === userid.toLowerCase()) && 'DROPPED by per-member rate limit',
  ].filter(Boolean);
  return `── ${m.msgtype}${notes.length ? ` (${notes.join('; ')})` : ''}\n${text}`;
}

interface KfTarget {
  openKfId: string;
  externalUserId: string;
}

type Action =
  | { kind: 'text'; text: string }
  | { kind: 'image'; file: string }
  | { kind: 'location'; latitude: number; longitude: number; label: string }
  | { kind: 'click'; key: string };

interface Args {
  userid: string;
  action: Action | null;
  kf: { ext: string; account?: string } | null;
  resident: boolean;
}

const USAGE_ZH =
  '用法: npm run say -- [--resident] <userid> "消息内容"  或  npm run say -- --kf <external_userid> "消息内容"\n  不发文字时: --image <图片文件>、--location <纬度,经度,地点>、--click <菜单key>';
const USAGE_EN =
  'usage: npm run say -- [--resident] <userid> "text" | --kf <external_userid> [--account <open_kfid>] "text"; instead of text: --image <file>, --location <lat,lng,label>, --click <menu key>';

/** `[--kf <ext> [--account <id>] | [--resident] <userid>] [--image f | --location l | --click k | text…]`. */
function parseArgs(argv: string[]): Args {
  const args: Args = { userid: '', action: null, kf: null, resident: false };
  const words: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = () => argv[++i] ?? fail(`${flag} 后面缺少内容`, `${flag} needs a value`);
    if (flag === '--kf') args.kf = { ext: value() };
    else if (flag === '--account') args.kf = { ext: args.kf?.ext ?? '', account: value() };
    else if (flag === '--resident') args.resident = true;
    else if (flag === '--image') args.action = { kind: 'image', file: value() };
    else if (flag === '--click') args.action = { kind: 'click', key: value() };
    else if (flag === '--location') {
      const spec = value();
      const place = parseLocation(spec);
      if (!place)
        fail(
          `位置格式应为 纬度,经度,地点：${spec}`,
          'location must be lat,lng,label (31.2304,121.4737,幸福里5号楼)',
        );
      args.action = { kind: 'location', ...place };
    } else words.push(flag);
  }
  if (args.kf) args.userid = args.kf.ext;
  else args.userid = words.shift() ?? '';
  if (!args.action && words.length > 0) args.action = { kind: 'text', text: words.join(' ') };
  return args;
}

async function json(url: string, init?: RequestInit): Promise<Record<string, unknown>> {
  const res = await fetch(url, init);
  const body = (await res.json()) as Record<string, unknown>;
  if (!res.ok || (typeof body.errcode === 'number' && body.errcode !== 0))
    throw new Error(`${url}: ${JSON.stringify(body)}`);
  return body;
}

/** The resident writes on the stand-in; the bot hears kf_msg_or_event with the Token and pulls. */
async function kfWrite(standinUrl: string, client: WecomCallbackClient, target: KfTarget, action: Action) {
  const content =
    action.kind === 'text'
      ? { text: action.text }
      : action.kind === 'image'
        ? { image: readFileSync(action.file).toString('base64') }
        : action.kind === 'location'
          ? { location: { latitude: action.latitude, longitude: action.longitude, name: action.label } }
          : fail('微信客服没有应用菜单', 'a 微信客服 chat has no app menu: --click is for app members');
  const cb = await json(`${standinUrl}/__standin/kf/say`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ open_kfid: target.openKfId, external_userid: target.externalUserId, ...content }),
  });
  return client.sendKfEvent({ openKfId: target.openKfId, token: String(cb.token) });
}

/** 2026-12-08 10:43 (Asia/Shanghai): the community's own clock, whatever this terminal's locale. */
const wallClock = (iso: string) =>
  `${format(new TZDate(new Date(iso).getTime(), 'Asia/Shanghai'), 'yyyy-MM-dd HH:mm')} (Asia/Shanghai)`;

/** Until when the bot may answer, how many of the 5 are used, and what waits for the resident's next message. */
async function printWindow(botUrl: string, ext: string): Promise<void> {
  const w = await json(`${botUrl}/dev/api/kf/window?external_userid=${encodeURIComponent(ext)}`).catch(
    () => null,
  );
  if (!w)
    return console.log('── (reply window unknown: the bot serves /dev only when run with npm run local)');
  const held = Array.isArray(w.held) ? (w.held as Array<{ reason: string; text: string }>) : [];
  console.log(
    `── 微信客服 window: open until ${w.closesAt ? wallClock(str(w.closesAt)) : 'closed'} · ${Number(w.sentSince)}/5 sent since the resident's last message${w.handedOver ? ' · handed over to a person (bot silent)' : ''}`,
  );
  console.log(held.length === 0 ? '   nothing held back' : `   held back (${held.length}):`);
  for (const h of held) console.log(`   · [${h.reason}] ${h.text.split('\n')[0]}`);
}

async function main(): Promise<void> {
  const { userid, action, kf, resident } = parseArgs(process.argv.slice(2));
  if (!userid || !action) fail(USAGE_ZH, USAGE_EN);

  const botUrl = process.env.BOT_URL ?? 'http://127.0.0.1:3000';
  const standinUrl = process.env.STANDIN_URL ?? 'http://127.0.0.1:3100';

  // Subscribe first so no reply can slip past between the send and the subscription.
  const stop = new AbortController();
  const stream = await fetch(`${standinUrl}/__standin/stream`, { signal: stop.signal }).catch(
    () => undefined,
  );
  const events = stream?.ok ? stream.body : null;
  if (!events) {
    fail(`企业微信模拟服务未运行 (${standinUrl})`, `the WeCom stand-in is not reachable at ${standinUrl}`);
  }

  let replies = 0;
  let quiet: NodeJS.Timeout | undefined;
  const finish = async (code: number) => {
    stop.abort();
    if (kf) await printWindow(botUrl, kf.ext);
    process.exit(code);
  };
  const gotReply = () => {
    replies++;
    clearTimeout(quiet);
    quiet = setTimeout(() => void finish(0), QUIET_MS);
  };

  void (async () => {
    try {
      for await (const data of sseData(events)) {
        const m = JSON.parse(data) as RecordedMessage;
        if (!m.touser.some((u) => u.toLowerCase() === userid.toLowerCase())) continue;
        console.log(describe(m, userid));
        gotReply();
      }
    } catch {
      // aborted on exit
    }
    if (!stop.signal.aborted) fail('与模拟服务的连接已断开', 'the stand-in closed the event stream');
  })();

  const client = new WecomCallbackClient({ botUrl: `${botUrl}/wecom/callback`, ...localCorp() });
  let send = async (): Promise<{ status: number; body: string }> => {
    if (resident) {
      const { added } = await joinAsResident(standinUrl, client, userid);
      if (added) console.log(`── ${userid} 已加入应用可见范围（不在名册上的居民；已发 subscribe 事件）`);
    }
    switch (action.kind) {
      case 'text':
        return client.sendText(userid, action.text);
      case 'image':
        return sendPhoto(standinUrl, client, userid, {
          data: readFileSync(action.file),
          filename: basename(action.file),
        });
      case 'location':
        return client.sendLocation(userid, action);
      case 'click':
        return clickMenu(standinUrl, client, userid, action.key);
    }
  };
  if (kf) {
    const accounts = await json(`${standinUrl}/__standin/kf/accounts`);
    const list = Array.isArray(accounts.accounts) ? (accounts.accounts as Array<{ openKfId: string }>) : [];
    const openKfId = kf.account ?? list[0]?.openKfId;
    if (!openKfId || !list.some((a) => a.openKfId === openKfId))
      fail(
        '模拟服务上没有这个微信客服账号',
        `no such kf account on the stand-in (have: ${list.map((a) => a.openKfId).join(', ') || 'none'})`,
      );
    send = () => kfWrite(standinUrl, client, { openKfId, externalUserId: kf.ext }, action);
  }
  const res = await send().catch((err: unknown) => {
    // What the stand-in refused (a key the menu lacks, a file that is no photo) is said as it is.
    if (err instanceof Error && /模拟企业微信|菜单/.test(err.message))
      fail(err.message, 'refused as WeCom would');
    const reason = String((err as { cause?: unknown }).cause ?? err);
    fail(
      `机器人未运行或无响应 (${botUrl})`,
      `the bot is not running or did not answer at ${botUrl}: ${reason}`,
    );
  });
  if (res.status !== 200) console.log(`HTTP ${res.status} ${res.body}`);
  else if (res.body.trim() && res.body.trim() !== 'success') {
    // The bot answered with a passive reply inside the callback response.
    try {
      console.log(`── passive reply\n${client.openReply(res.body)}`);
      gotReply();
    } catch (err) {
      console.log(`HTTP 200 with a body that is not a valid passive reply (${String(err)}):\n${res.body}`);
    }
  }

  setTimeout(() => {
    if (replies === 0) {
      if (kf) {
        // A person may have the session, or the window is closed: silence is an answer here.
        console.log(`(no message to ${userid} within ${WAIT_MS / 1000} s)`);
        void finish(0);
        return;
      }
      fail(`${WAIT_MS / 1000} 秒内没有收到回复`, `no reply for ${userid} within ${WAIT_MS / 1000} s`);
    }
  }, WAIT_MS);
}

await main();
