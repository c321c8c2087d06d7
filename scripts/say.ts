/**
 * npm run say -- <userid> "帮助"
 * Sends one text message to the local bot as WeCom would (signed, encrypted callback) and prints what the bot
 * sends back through the WeCom stand-in. Env: BOT_URL (default http://127.0.0.1:3000), STANDIN_URL
 * (default http://127.0.0.1:3100).
 */

import { localCorp } from '../src/cli/env.js';
import { WecomCallbackClient } from '../src/standin/callback-client.js';
import type { RecordedMessage } from '../src/standin/fake-wecom-api.js';
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
      text = `media_id ${str(payload.media_id)}`;
  }
  const notes = [
    m.truncatedFrom !== undefined && `truncated from ${m.truncatedFrom} bytes`,
    m.dropped.some((u) => u.toLowerCase() === userid.toLowerCase()) && 'DROPPED by per-member rate limit',
  ].filter(Boolean);
  return `── ${m.msgtype}${notes.length ? ` (${notes.join('; ')})` : ''}\n${text}`;
}

async function main(): Promise<void> {
  const [userid, ...words] = process.argv.slice(2);
  const content = words.join(' ');
  if (!userid || !content)
    fail('用法: npm run say -- <userid> "消息内容"', 'usage: npm run say -- <userid> "text"');

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
  const finish = (code: number) => {
    stop.abort();
    process.exit(code);
  };
  const gotReply = () => {
    replies++;
    clearTimeout(quiet);
    quiet = setTimeout(() => finish(0), QUIET_MS);
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
  const res = await client.sendText(userid, content).catch((err: unknown) => {
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
      fail(`${WAIT_MS / 1000} 秒内没有收到回复`, `no reply for ${userid} within ${WAIT_MS / 1000} s`);
    }
  }, WAIT_MS);
}

await main();
