import { readFileSync } from 'node:fs';
import { type Config, parseConfig } from '../config.js';
import { projectPath } from '../paths.js';

export interface LocalCorp {
  corpId: string;
  agentId: number;
  secret: string;
  token: string;
  encodingAesKey: string;
}

/** The throwaway corp of the local run, tests and benchmarks (read on use: the image has no fixtures). */
export function localCorp(): LocalCorp {
  return JSON.parse(readFileSync(projectPath('fixtures/wecom/local-corp.json'), 'utf8')) as LocalCorp;
}

/** The demo community's 微信客服 account on the stand-in (residents on plain WeChat write to it). */
export const LOCAL_KF = { openKfId: 'wkXfl7GCAAAx0Yq9Jm3nQfbS8Zr2uLdT', name: '幸福里社区居民服务' };

export const LOCAL_STANDIN_URL = `http://127.0.0.1:${process.env.STANDIN_PORT ?? 3100}`;

/** Environment for the local run: local services and the stand-in; explicit env values win for the services. */
export function localEnv(standinUrl = LOCAL_STANDIN_URL): Record<string, string | undefined> {
  return {
    PORT: '3000',
    MONGODB_URI: 'mongodb://127.0.0.1:27017/dangjian',
    REDIS_URL: 'redis://127.0.0.1:6379',
    LOG_LEVEL: 'info',
    ...process.env,
    ...localCorpEnv(standinUrl),
  };
}

/** The WeCom half of a configuration: the local corp, its API played by the stand-in at `standinUrl`. */
export function localCorpEnv(standinUrl: string): Record<string, string> {
  const corp = localCorp();
  return {
    WECOM_CORP_ID: corp.corpId,
    WECOM_AGENT_ID: String(corp.agentId),
    WECOM_SECRET: corp.secret,
    WECOM_TOKEN: corp.token,
    WECOM_ENCODING_AES_KEY: corp.encodingAesKey,
    WECOM_API_BASE: standinUrl,
  };
}

/** A configuration of the bot against the local corp (tests, benchmarks); `env` gives the rest and wins. */
export const localCorpConfig = (standinUrl: string, env: Record<string, string>): Config =>
  parseConfig({ ...localCorpEnv(standinUrl), ...env });

/** `.env` when present, then the process environment — or the local corp with `--local`. */
export function scriptEnv(local: boolean): Record<string, string | undefined> {
  if (local) return localEnv();
  try {
    process.loadEnvFile('.env');
  } catch {
    // no .env: the environment alone
  }
  return process.env;
}
