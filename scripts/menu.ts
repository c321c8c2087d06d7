/**
 * npm run menu -- show            prints the app menu built from the command registry
 * npm run menu -- sync [--local]  pushes it with menu/create (configuration from the environment / .env,
 *                                 or the local throwaway corp and stand-in with --local)
 */
import { existsSync, readFileSync } from 'node:fs';
import { buildMenu } from '../src/bot/menu.js';
import { buildRegistry } from '../src/bot/registry.js';
import { commands } from '../src/commands/index.js';
import { parseConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { projectPath } from '../src/paths.js';
import { createWorkerConnection } from '../src/queues/connection.js';
import { WecomApiClient } from '../src/wecom/api/client.js';

const [action, ...flags] = process.argv.slice(2);
const menu = buildMenu(buildRegistry(commands));

if (action === 'show') {
  console.log(JSON.stringify(menu, null, 2));
} else if (action === 'sync') {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const env = flags.includes('--local') ? { ...process.env, ...localEnv() } : process.env;
  const config = parseConfig(env);
  const redis = createWorkerConnection(config.redisUrl);
  const wecom = new WecomApiClient({ ...config.wecom, redis, log: createLogger('warn') });
  try {
    await wecom.createMenu(menu);
    console.log(
      `菜单已更新 (menu/create ok, agent ${config.wecom.agentId}): ${menu.button.map((b) => b.name).join(' | ')}`,
    );
  } finally {
    redis.disconnect();
  }
} else {
  console.error('用法 / usage: npm run menu -- show | sync [--local]');
  process.exit(2);
}

function localEnv(): Record<string, string> {
  const corp = JSON.parse(readFileSync(projectPath('fixtures/wecom/local-corp.json'), 'utf8'));
  return {
    MONGODB_URI: 'mongodb://127.0.0.1:27017/dangjian',
    REDIS_URL: 'redis://127.0.0.1:6379',
    WECOM_CORP_ID: corp.corpId,
    WECOM_AGENT_ID: String(corp.agentId),
    WECOM_SECRET: corp.secret,
    WECOM_TOKEN: corp.token,
    WECOM_ENCODING_AES_KEY: corp.encodingAesKey,
    WECOM_API_BASE: `http://127.0.0.1:${process.env.STANDIN_PORT ?? 3100}`,
  };
}
