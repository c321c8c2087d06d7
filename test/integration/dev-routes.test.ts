import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobRunner } from '../../src/devtools/dev-config.js';
import { devRoutes } from '../../src/devtools/dev-routes.js';
import { createLogger } from '../../src/logger.js';
import { startRuntime } from '../../src/runtime.js';
import { seedCommunity } from '../support/seed.js';
import {
  HELP_REPLY,
  startTestBot,
  type TestBot,
  testConfig,
  testNamespace,
  textOf,
} from '../support/test-bot.js';

/** The /dev API: input validation, the people search, the time machine, and the production refusal. */

const runs: Array<{ name: string; at: Date }> = [];
const jobs: JobRunner = {
  list: () => [{ name: 'dues-reminder', summary: '每月党费提醒' }],
  run: async (name, at) => {
    runs.push({ name, at });
    return `ran ${name}`;
  },
};

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot({ users: ['wangguilan', 'lijianguo'], devtools: { jobs: () => jobs } });
  await seedCommunity(bot.runtime.deps.models);
});
afterAll(async () => {
  await bot?.close();
});

const get = (path: string) => fetch(`${bot.url}${path}`);
const post = (path: string, body: unknown) =>
  fetch(`${bot.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

/** A 400 whose message says what was wrong in Chinese and in English. */
async function expectBadRequest(res: Response, english: RegExp): Promise<void> {
  expect(res.status).toBe(400);
  const { error } = (await res.json()) as { error: string };
  expect(error).toMatch(/[\u4e00-\u9fff]/);
  expect(error).toMatch(english);
}

describe('GET /dev/api/people', () => {
  it('finds members by name with branch and Chinese role names', async () => {
    const res = await get(`/dev/api/people?q=${encodeURIComponent('王')}`);
    expect(res.status).toBe(200);
    const { people } = (await res.json()) as { people: Array<{ userId: string }> };
    expect(people).toEqual([
      { userId: 'wangguilan', name: '王桂兰', branch: '退休支部', roles: ['党员'] },
      { userId: 'wanghai', name: '王海', branch: '退休支部', roles: ['党员'] },
    ]);
  });

  it('finds by userid, and lists everyone without a query', async () => {
    const byId = (await (await get('/dev/api/people?q=JIANG')).json()) as { people: unknown[] };
    expect(byId.people).toEqual([
      { userId: 'lijianguo', name: '李建国', branch: '居民第一支部', roles: ['党员', '书记'] },
    ]);
    const all = (await (await get('/dev/api/people')).json()) as { people: unknown[] };
    expect(all.people).toHaveLength(8);
  });

  it('treats the query as text, not a pattern', async () => {
    const res = (await (await get('/dev/api/people?q=.*')).json()) as { people: unknown[] };
    expect(res.people).toEqual([]);
  });

  it('refuses an overlong or repeated query', async () => {
    await expectBadRequest(await get(`/dev/api/people?q=${'王'.repeat(41)}`), /at most 40/);
    await expectBadRequest(await get('/dev/api/people?q=a&q=b'), /invalid request/);
  });
});

describe('POST /dev/api/say', () => {
  it('sends through the real webhook and reports its status', async () => {
    const res = await post('/dev/api/say', { userId: 'wangguilan', text: '帮助' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 200 });
    const [reply] = await bot.messagesTo('wangguilan', 1);
    expect(textOf(reply)).toMatch(HELP_REPLY);
  });

  it('refuses bad bodies', async () => {
    await expectBadRequest(await post('/dev/api/say', { userId: 'wangguilan' }), /text is required/);
    await expectBadRequest(
      await post('/dev/api/say', { userId: 'wangguilan', text: '  ' }),
      /must not be empty/,
    );
    await expectBadRequest(await post('/dev/api/say', { userId: 'a b', text: '帮助' }), /userId must be/);
    await expectBadRequest(await post('/dev/api/say', '{not json'), /not valid JSON/);
  });
});

describe('POST /dev/api/card-click', () => {
  it('sends a template_card_event with a response code from the stand-in', async () => {
    const res = await post('/dev/api/card-click', {
      userId: 'wangguilan',
      taskId: 'task-1',
      eventKey: 'yes',
    });
    expect(await res.json()).toEqual({ status: 200 });
  });

  it('refuses a task id WeCom would not issue', async () => {
    await expectBadRequest(
      await post('/dev/api/card-click', { userId: 'wangguilan', taskId: 'no spaces', eventKey: 'yes' }),
      /taskId must match/,
    );
  });
});

describe('time machine', () => {
  it('lists the jobs it was given', async () => {
    expect(await (await get('/dev/api/jobs')).json()).toEqual({ jobs: jobs.list() });
  });

  it("runs a job at a wall-clock time read in the community's zone", async () => {
    const res = await post('/dev/api/jobs/run', { name: 'dues-reminder', at: '2026-03-01 08:00' });
    expect(await res.json()).toEqual({ at: '2026-03-01T00:00:00.000Z', report: 'ran dues-reminder' });
    expect(runs.at(-1)?.at.toISOString()).toBe('2026-03-01T00:00:00.000Z');
    // The T of <input type="datetime-local"> is still understood.
    await post('/dev/api/jobs/run', { name: 'dues-reminder', at: '2026-03-01T09:00' });
    expect(runs.at(-1)?.at.toISOString()).toBe('2026-03-01T01:00:00.000Z');
  });

  it('refuses unknown jobs and impossible times', async () => {
    expect((await post('/dev/api/jobs/run', { name: 'nope', at: '2026-03-01T08:00' })).status).toBe(404);
    await expectBadRequest(
      await post('/dev/api/jobs/run', { name: 'dues-reminder', at: '2026-02-30T08:00' }),
      /does not exist/,
    );
    await expectBadRequest(
      await post('/dev/api/jobs/run', { name: 'dues-reminder', at: 'tomorrow' }),
      /YYYY-MM-DD HH:mm/,
    );
  });
});

describe('static files', () => {
  it('serves the page with a strict content security policy', async () => {
    const res = await get('/dev');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/=]+'/);
    expect(await res.text()).toContain('type="importmap"');
  });

  it('serves only whitelisted names', async () => {
    expect((await get('/dev/static/app.js')).headers.get('content-type')).toMatch(/javascript/);
    expect((await get('/dev/vendor/preact.mjs')).status).toBe(200);
    expect((await get('/dev/static/dev-routes.ts')).status).toBe(404);
    expect((await get('/dev/static/..%2F..%2F..%2Fpackage.json')).status).toBe(404);
    expect((await get('/dev/vendor/react.mjs')).status).toBe(404);
  });

  it('answers 404 for media the stand-in does not hold', async () => {
    expect((await get('/dev/api/media/unknown')).status).toBe(404);
  });
});

describe('NODE_ENV=production', () => {
  it('refuses to start with the simulator', async () => {
    const config = testConfig('http://127.0.0.1:9', testNamespace(), { NODE_ENV: 'production' });
    await expect(
      startRuntime(config, createLogger('silent'), {
        routes: devRoutes({ standinUrl: 'http://127.0.0.1:9', jobs: () => jobs }),
      }),
    ).rejects.toThrow(/NODE_ENV=production/);
  });

  it('has no /dev without it', async () => {
    const prod = await startTestBot({ env: { NODE_ENV: 'production' }, role: 'web' });
    try {
      expect((await fetch(`${prod.url}/dev`)).status).toBe(404);
      expect((await fetch(`${prod.url}/dev/api/people`)).status).toBe(404);
    } finally {
      await prod.close();
    }
  });
});
