import { readFileSync } from 'node:fs';
import { parseConfig } from '../../src/config.js';
import { projectPath } from '../../src/paths.js';
import type { CallbackSecrets } from '../../src/wecom/callback.js';
import { parseEncodingAesKey } from '../../src/wecom/crypto.js';

export const corp = JSON.parse(readFileSync(projectPath('fixtures/wecom/local-corp.json'), 'utf8')) as {
  corpId: string;
  agentId: number;
  secret: string;
  token: string;
  encodingAesKey: string;
};

export function benchSecrets(): CallbackSecrets {
  return { corpId: corp.corpId, token: corp.token, aes: parseEncodingAesKey(corp.encodingAesKey) };
}

/** The bot's configuration for the benchmark: local services, throwaway corp, a stand-in API host that is never called. */
export function benchConfig(role: 'web' | 'all') {
  return parseConfig({
    ROLE: role,
    PORT: '0',
    INTERNAL_PORT: '0',
    MONGODB_URI: process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:27017/bench_callback',
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    WECOM_CORP_ID: corp.corpId,
    WECOM_AGENT_ID: String(corp.agentId),
    WECOM_SECRET: corp.secret,
    WECOM_TOKEN: corp.token,
    WECOM_ENCODING_AES_KEY: corp.encodingAesKey,
    WECOM_API_BASE: 'http://127.0.0.1:9',
    LOG_LEVEL: 'error',
  });
}
