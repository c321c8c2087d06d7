import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { queuePrefix } from '../../src/queues/queues.js';
import { REDIS_URL, startTestBot, type TestBot, waitFor } from '../support/test-bot.js';

const TOKEN = 'internal-token-for-tests-0123';
const bots: TestBot[] = [];
afterAll(async () => {
  await Promise.all(bots.map((b) => b.close()));
});
const start = async (...args: Parameters<typeof startTestBot>) => {
  const bot = await startTestBot(...args);
  bots.push(bot);
  return bot;
};

describe('the web role', () => {
  it('starts, acks and is ready with Redis alone while MongoDB is unreachable', async () => {
    const web = await start({ role: 'web', env: { MONGODB_URI: 'mongodb://127.0.0.1:9/nowhere' } });
    const { status } = await web.wecom.sendText('wangguilan', '党费');
    expect(status).toBe(200);
    const ready = await fetch(`${web.runtime.internalUrl}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', redis: 'ok' });
  });

  it('serves neither /metrics nor /readyz on the callback port', async () => {
    const web = await start({ role: 'web' });
    expect((await fetch(`${web.url}/metrics`)).status).toBe(404);
    expect((await fetch(`${web.url}/readyz`)).status).toBe(404);
  });
});

describe('the worker role', () => {
  it('has an internal port with liveness of its BullMQ workers, readiness and its own counters', async () => {
    const worker = await start({ role: 'worker' });
    expect(worker.url).toBe('');
    const health = await fetch(`${worker.runtime.internalUrl}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', workers: 'ok', redis: 'ok' });
    const ready = await fetch(`${worker.runtime.internalUrl}/readyz`);
    expect(await ready.json()).toEqual({ status: 'ready', mongodb: 'ok', redis: 'ok' });
    const metrics = await (await fetch(`${worker.runtime.internalUrl}/metrics`)).text();
    expect(metrics).toMatch(/wecom_sends_total/);
    expect(metrics).toMatch(/queue_jobs\{queue="outbound",state="wait"\}/);
  });

  it('says unhealthy once its workers have stopped', async () => {
    const worker = await start({ role: 'worker' });
    await worker.runtime.workers?.close();
    const health = await fetch(`${worker.runtime.internalUrl}/healthz`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ status: 'unhealthy', workers: 'stopped' });
  });
});

describe('the queue dashboard', () => {
  it('shows the queues with their failed jobs and errors, behind the token', async () => {
    const bot = await start({ role: 'web', env: { INTERNAL_TOKEN: TOKEN } });
    const auth = { authorization: `Bearer ${TOKEN}` };
    const base = `${bot.runtime.internalUrl}/queues`;
    expect((await fetch(base)).status).toBe(401);
    const page = await fetch(base, { headers: auth });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    // A job that fails for good, as a worker meets it: the web role has no workers, so this one takes it.
    const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    const worker = new Worker(
      'outbound',
      async () => {
        throw new Error('errcode 60020: not allow to access from your ip');
      },
      {
        connection: new Redis(REDIS_URL, { maxRetriesPerRequest: null }),
        prefix: queuePrefix(bot.ns, 'outbound'),
      },
    );
    await bot.runtime.deps.queues.outbound.add('reply', { touser: ['x'] } as never, {
      jobId: 'dashboard-failed',
      attempts: 1,
    });
    await waitFor(
      () => bot.runtime.deps.queues.outbound.getJobState('dashboard-failed'),
      (state) => state === 'failed',
    );
    await worker.close();
    await connection.quit();
    const api = await fetch(`${base}/api/queues?activeQueue=outbound&status=failed&page=1`, {
      headers: auth,
    });
    const body = (await api.json()) as {
      queues: { name: string; jobs: { id: string; failedReason: string }[] }[];
    };
    expect(body.queues.map((q) => q.name).sort()).toEqual([
      'complaint-timers',
      'inbound',
      'outbound',
      'scheduled',
    ]);
    const outbound = body.queues.find((q) => q.name === 'outbound');
    expect(outbound?.jobs).toContainEqual(
      expect.objectContaining({ id: 'dashboard-failed', failedReason: expect.stringContaining('60020') }),
    );
  });
});

describe('INTERNAL_TOKEN', () => {
  it('guards everything but /healthz: bearer for scrapers, Basic for a browser', async () => {
    const bot = await start({ role: 'web', env: { INTERNAL_TOKEN: TOKEN } });
    const base = bot.runtime.internalUrl;
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const refused = await fetch(`${base}/metrics`);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toMatch(/^Basic /);
    expect(
      (await fetch(`${base}/metrics`, { headers: { authorization: 'Bearer wrong-token-wrong-token' } }))
        .status,
    ).toBe(401);
    expect((await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(
      200,
    );
    const basic = `Basic ${Buffer.from(`ops:${TOKEN}`).toString('base64')}`;
    expect((await fetch(`${base}/readyz`, { headers: { authorization: basic } })).status).toBe(200);
  });
});
