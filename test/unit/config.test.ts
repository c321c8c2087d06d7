import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../src/config.js';
import { DEFAULT_POINT_RULES } from '../../src/domain/points/index.js';

const valid = {
  MONGODB_URI: 'mongodb://127.0.0.1:27017/dangjian',
  REDIS_URL: 'redis://127.0.0.1:6379',
  WECOM_CORP_ID: 'ww4d3c2b1a0f9e8d7c',
  WECOM_AGENT_ID: '1000002',
  WECOM_SECRET: 's3cr3t-value',
  WECOM_TOKEN: 'Token2026',
  WECOM_ENCODING_AES_KEY: 'aDtPItIYXynxqljTIaSS9adyVavK49blxzV1T0HISZQ',
};

function problems(env: Record<string, string | undefined>): string[] {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('parseConfig', () => {
  it('fills the documented defaults', () => {
    const config = parseConfig(valid);
    expect(config).toMatchObject({
      role: 'all',
      port: 3000,
      timeZone: 'Asia/Shanghai',
      logLevel: 'info',
      wecom: { apiBase: 'https://qyapi.weixin.qq.com', agentId: 1000002 },
    });
  });

  it('lists every missing variable at once', () => {
    expect(problems({})).toEqual(
      expect.arrayContaining([
        'MONGODB_URI is missing',
        'REDIS_URL is missing',
        'WECOM_CORP_ID is missing',
        'WECOM_AGENT_ID is missing',
        'WECOM_SECRET is missing',
        'WECOM_TOKEN is missing',
        'WECOM_ENCODING_AES_KEY is missing',
      ]),
    );
  });

  it('treats an empty value as missing', () => {
    expect(problems({ ...valid, WECOM_SECRET: '' })).toEqual(['WECOM_SECRET is missing']);
  });

  it.each([
    ['WECOM_ENCODING_AES_KEY', 'tooShort', /exactly 43/],
    ['APP_TIMEZONE', 'Mars/Olympus', /IANA/],
    ['PORT', 'eighty', /PORT/],
    ['ROLE', 'cron', /ROLE/],
    ['REDIS_URL', 'localhost:6379', /redis:\/\//],
    ['WECOM_API_BASE', 'not a url', /WECOM_API_BASE/],
    ['DISCLOSURE_EVERY_MONTHS', '5', /must divide the year/],
    ['POINTS_RULES', '{not json', /POINTS_RULES must be JSON/],
    [
      'POINTS_RULES',
      JSON.stringify({ categories: [{ id: 'a', label: 'A' }], rules: [] }),
      /POINTS_RULES\.rules/,
    ],
    [
      'POINTS_RULES',
      JSON.stringify({
        categories: [{ id: 'a', label: 'A' }],
        rules: [{ event: 'volunteer-hour', label: 'x', points: 1, category: 'b' }],
      }),
      /unknown category "b"/,
    ],
  ])('rejects a bad %s', (name, value, message) => {
    const found = problems({ ...valid, [name]: value });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(message);
  });

  it('never echoes a value it rejects (it may be a secret)', () => {
    const found = problems({ ...valid, WECOM_TOKEN: 'has spaces and secrets!!' });
    expect(found.join()).not.toContain('secrets!!');
  });

  it('reads the desk settings: 党务公开 every two months and the built-in points table unless set', () => {
    expect(parseConfig(valid).desk).toEqual({ disclosureEveryMonths: 2, points: DEFAULT_POINT_RULES });
    const points = {
      categories: [{ id: 'v', label: '志愿', cap: 10 }],
      rules: [{ event: 'volunteer-hour', label: '每小时', points: 2, category: 'v' }],
    };
    const desk = parseConfig({
      ...valid,
      DISCLOSURE_EVERY_MONTHS: '3',
      POINTS_RULES: JSON.stringify(points),
    }).desk;
    expect(desk.disclosureEveryMonths).toBe(3);
    expect(desk.points).toEqual({
      ...points,
      excluded: { statuses: [], duesCategories: [], mobileAwayMonths: null },
    });
  });

  it('drops a trailing slash from the API base so paths join cleanly', () => {
    expect(parseConfig({ ...valid, WECOM_API_BASE: 'http://127.0.0.1:3100/' }).wecom.apiBase).toBe(
      'http://127.0.0.1:3100',
    );
  });
});
