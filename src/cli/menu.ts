/**
 * npm run menu -- show            prints the app menu built from the command registry
 * npm run menu -- sync [--local]  pushes it with menu/create (configuration from the environment / .env,
 *                                 or the local throwaway corp and stand-in with --local)
 */
import { buildMenu } from '../bot/menu.js';
import { buildRegistry } from '../bot/registry.js';
import { commands } from '../commands/index.js';
import { parseConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { createWorkerConnection } from '../queues/connection.js';
import { WecomApiClient } from '../wecom/api/client.js';
import { scriptEnv } from './env.js';

const [action, ...flags] = process.argv.slice(2);
const menu = buildMenu(buildRegistry(commands));

if (action === 'show') {
  console.log(JSON.stringify(menu, null, 2));
} else if (action === 'sync') {
  const config = parseConfig(scriptEnv(flags.includes('--local')));
  const redis = createWorkerConnection(config.redis);
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
