import { z } from 'zod';
import { DISCLOSURE_CADENCES } from './domain/disclosure-period.js';
import { DEFAULT_POINT_RULES, type PointRules, PointRulesSchema } from './domain/points/index.js';
import type { RedisTarget } from './queues/connection.js';

/** Operators and scripts depend on these names; change them only with a migration note. */
const EnvSchema = z.object({
  ROLE: z.enum(['all', 'web', 'worker']).default('all'),
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Health, readiness, metrics and the queue dashboard: never published to WeCom. */
  INTERNAL_PORT: z.coerce.number().int().min(0).max(65535).default(9100),
  INTERNAL_HOST: z.string().default('0.0.0.0'),
  INTERNAL_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  MONGODB_URI: z.string().regex(/^mongodb(\+srv)?:\/\//, 'must start with mongodb:// or mongodb+srv://'),
  /** One URL, or a Redis Cluster's seeds separated by commas (redis://10.0.0.1:7001,redis://10.0.0.2:7001). */
  REDIS_URL: z
    .string()
    .refine(
      (v) => v.split(',').every((u) => /^rediss?:\/\/[^,\s]+$/.test(u.trim())),
      'must start with redis:// or rediss:// (a cluster: several, separated by commas)',
    ),
  /** A Redis Cluster behind one REDIS_URL (a managed cluster's configuration endpoint). */
  REDIS_CLUSTER: z.enum(['0', '1', 'true', 'false']).default('0'),
  WECOM_CORP_ID: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be the corp id shown in the admin console'),
  WECOM_AGENT_ID: z.coerce.number().int().positive(),
  WECOM_SECRET: z.string().min(1),
  WECOM_TOKEN: z.string().regex(/^[A-Za-z0-9]{1,32}$/, 'must be 1–32 letters or digits'),
  WECOM_ENCODING_AES_KEY: z.string().regex(/^[A-Za-z0-9]{43}$/, 'must be exactly 43 letters or digits'),
  WECOM_API_BASE: z.url().default('https://qyapi.weixin.qq.com'),
  /**
   * 微信客服 accounts the bot serves, each optionally with its community's code: `wkAAA=xingfuli,wkBBB`.
   * Unset: the accounts kf/account/list returns, for the first community.
   */
  WECOM_KF_OPEN_KFIDS: z
    .string()
    .regex(
      /^[A-Za-z0-9_-]{1,64}(=[a-z0-9-]{2,40})?(,[A-Za-z0-9_-]{1,64}(=[a-z0-9-]{2,40})?)*$/,
      'must be open_kfid[=community code], comma separated',
    )
    .optional(),
  /** Messages per kf/sync_msg page (WeCom's maximum and default: 1000). */
  WECOM_KF_SYNC_LIMIT: z.coerce.number().int().min(1).max(1000).default(1000),
  APP_TIMEZONE: z
    .string()
    .default('Asia/Shanghai')
    .refine(isValidTimeZone, 'must be an IANA time zone such as Asia/Shanghai'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** 党务公开 every N months (a divisor of 12): the scheduled disclosure and the default of 「党务公开」. */
  DISCLOSURE_EVERY_MONTHS: z.coerce
    .number()
    .refine(
      (n) => (DISCLOSURE_CADENCES as readonly number[]).includes(n),
      `must divide the year: ${DISCLOSURE_CADENCES.join(', ')}`,
    )
    .default(2),
  /** The whole points rule table as JSON (see src/domain/points/rules.ts); the built-in table when unset. */
  POINTS_RULES: z
    .string()
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be JSON' });
        return z.NEVER;
      }
    })
    .pipe(PointRulesSchema)
    .optional(),
});

export type Env = z.infer<typeof EnvSchema>;

export interface Config {
  role: Env['ROLE'];
  nodeEnv: Env['NODE_ENV'];
  port: number;
  internal: { port: number; host: string; token: string | null };
  mongodbUri: string;
  redis: RedisTarget;
  wecom: {
    corpId: string;
    agentId: number;
    secret: string;
    token: string;
    encodingAesKey: string;
    apiBase: string;
  };
  /** 微信客服: the accounts (empty: discover them) and the community each serves (null: the first). */
  kf: { accounts: Array<{ openKfId: string; communityCode: string | null }>; syncLimit: number };
  timeZone: string;
  logLevel: Env['LOG_LEVEL'];
  /** The secretary's desk: 党务公开 cadence and the points rule table. */
  desk: DeskSettings;
}

export interface DeskSettings {
  disclosureEveryMonths: number;
  points: PointRules;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

function redisTarget(value: string, cluster: boolean): RedisTarget {
  const urls = value.split(',').map((u) => u.trim());
  return { urls, cluster: cluster || urls.length > 1 };
}

/** Pure: reads only the object it is given. Lists every problem at once (values are never echoed: they may be secrets). */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const blanksRemoved = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ''),
  );
  const result = EnvSchema.safeParse(blanksRemoved);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => {
        const name = issue.path.join('.');
        return issue.code === 'invalid_type' && issue.input === undefined
          ? `${name} is missing`
          : `${name} ${issue.message}`;
      }),
    );
  }
  const e = result.data;
  return {
    role: e.ROLE,
    nodeEnv: e.NODE_ENV,
    port: e.PORT,
    internal: { port: e.INTERNAL_PORT, host: e.INTERNAL_HOST, token: e.INTERNAL_TOKEN ?? null },
    mongodbUri: e.MONGODB_URI,
    redis: redisTarget(e.REDIS_URL, e.REDIS_CLUSTER === '1' || e.REDIS_CLUSTER === 'true'),
    wecom: {
      corpId: e.WECOM_CORP_ID,
      agentId: e.WECOM_AGENT_ID,
      secret: e.WECOM_SECRET,
      token: e.WECOM_TOKEN,
      encodingAesKey: e.WECOM_ENCODING_AES_KEY,
      apiBase: e.WECOM_API_BASE.replace(/\/+$/, ''),
    },
    kf: {
      accounts: (e.WECOM_KF_OPEN_KFIDS ?? '')
        .split(',')
        .filter(Boolean)
        .map((entry) => {
          const [openKfId = '', communityCode] = entry.split('=');
          return { openKfId, communityCode: communityCode ?? null };
        }),
      syncLimit: e.WECOM_KF_SYNC_LIMIT,
    },
    timeZone: e.APP_TIMEZONE,
    logLevel: e.LOG_LEVEL,
    desk: { disclosureEveryMonths: e.DISCLOSURE_EVERY_MONTHS, points: e.POINTS_RULES ?? DEFAULT_POINT_RULES },
  };
}
