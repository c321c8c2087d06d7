/**
 * Runs the bot on the embedded default: local Redis + FerretDB (started by scripts/local.sh), the WeCom
 * stand-in on STANDIN_PORT (3100) and the bot on PORT (3000), with the throwaway corp in
 * fixtures/wecom/local-corp.json. Verifies the callback URL the way the admin console does, then waits.
 */
import { readFileSync } from 'node:fs';
import { parseConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { projectPath } from '../src/paths.js';
import { startRuntime } from '../src/runtime.js';
import { WecomCallbackClient } from '../src/standin/callback-client.js';
import { startFakeWecomApi } from '../src/standin/fake-wecom-api.js';

const readJson = <T>(path: string): T => JSON.parse(readFileSync(projectPath(path), 'utf8')) as T;
const corp = readJson<{
  corpId: string;
  agentId: number;
  secret: string;
  token: string;
  encodingAesKey: string;
}>('fixtures/wecom/local-corp.json');
const users = readJson<Array<{ userid: string; name: string; department?: number[] }>>(
  'fixtures/wecom/standin-users.json',
);

const standinPort = Number(process.env.STANDIN_PORT ?? 3100);
const standin = await startFakeWecomApi({ ...corp, users, port: standinPort });

const config = parseConfig({
  PORT: '3000',
  MONGODB_URI: 'mongodb://127.0.0.1:27017/dangjian',
  REDIS_URL: 'redis://127.0.0.1:6379',
  LOG_LEVEL: 'info',
  ...process.env,
  ROLE: 'all',
  WECOM_CORP_ID: corp.corpId,
  WECOM_AGENT_ID: String(corp.agentId),
  WECOM_SECRET: corp.secret,
  WECOM_TOKEN: corp.token,
  WECOM_ENCODING_AES_KEY: corp.encodingAesKey,
  WECOM_API_BASE: standin.url,
});
const runtime = await startRuntime(config, createLogger(config.logLevel), { host: '127.0.0.1' });
const callbackUrl = `${runtime.url}/wecom/callback`;

const check = await new WecomCallbackClient({ ...corp, botUrl: callbackUrl }).verifyUrl();
if (check.status !== 200 || check.body !== check.expected) {
  console.error(`URL verification failed: HTTP ${check.status} ${check.body}`);
  process.exit(1);
}

console.log(`
党建助手 is running (local, throwaway corp ${corp.corpId})
  callback   ${callbackUrl}   (URL verification: OK)
  WeCom API  ${standin.url}   (stand-in; live feed of sent messages: ${standin.url}/__standin/stream)
  health     ${runtime.url}/readyz    metrics ${runtime.url}/metrics

Talk to it from another terminal, as any of: ${users.map((u) => `${u.userid} (${u.name})`).join(', ')}
  npm run say -- lijianguo "帮助"

Ctrl-C stops the bot; \`npm run services:stop\` stops Redis and FerretDB.
`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await runtime.close();
  await standin.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
