import { localCorp, localCorpConfig } from '../../src/cli/env.js';
import type { CallbackSecrets } from '../../src/wecom/callback.js';
import { parseEncodingAesKey } from '../../src/wecom/crypto.js';

export const corp = localCorp();

export function benchSecrets(): CallbackSecrets {
  return { corpId: corp.corpId, token: corp.token, aes: parseEncodingAesKey(corp.encodingAesKey) };
}

/** The bot's configuration for the benchmark: local services, throwaway corp, a stand-in API host that is never called. */
export function benchConfig(role: 'web' | 'worker' | 'all') {
  return localCorpConfig('http://127.0.0.1:9', {
    ROLE: role,
    PORT: '0',
    INTERNAL_PORT: '0',
    MONGODB_URI: process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:27017/bench_callback',
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    LOG_LEVEL: 'error',
  });
}
