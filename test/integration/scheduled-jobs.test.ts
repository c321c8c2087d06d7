import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reconcileSchedulers } from '../../jobs/processors/scheduled.js';
import { SCHEDULED_JOBS } from '../../jobs/scheduled/index.js';
import { projectPath } from '../../src/paths.js';
import { startTestBot, type TestBot } from '../support/test-bot.js';

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(async () => {
  await bot?.close();
});

describe('scheduled jobs', () => {
  it('are registered with BullMQ in the community zone when a worker starts', async () => {
    const schedulers = await bot.runtime.deps.queues.scheduled.getJobSchedulers();
    expect(schedulers.map((s) => s.key).sort()).toEqual(SCHEDULED_JOBS.map((j) => j.name).sort());
    for (const s of schedulers) expect(s.tz).toBe('Asia/Shanghai');
  });

  it('are reconciled at start-up: a scheduler of a job since removed from the code is deleted', async () => {
    const queue = bot.runtime.deps.queues.scheduled;
    await queue.upsertJobScheduler(
      'weekly-digest-retired',
      { pattern: '0 9 * * 1' },
      { name: 'x', data: {} },
    );
    const warned: unknown[] = [];
    const removed = await reconcileSchedulers(queue, 'Asia/Shanghai', {
      warn: (o: unknown) => warned.push(o),
    });
    expect(removed).toEqual(['weekly-digest-retired']);
    expect(warned).toEqual([{ removed: ['weekly-digest-retired'] }]);
    const keys = (await queue.getJobSchedulers()).map((s) => s.key).sort();
    expect(keys).toEqual(SCHEDULED_JOBS.map((j) => j.name).sort());
  });

  it('npm run job lists them, runs one as of --at, and refuses an unknown name', async () => {
    const run = promisify(execFile);
    const env = { ...process.env, MONGODB_URI: bot.config.mongodbUri, LOG_LEVEL: 'silent' };
    const list = await run('npx', ['tsx', 'src/cli.ts', 'job'], { cwd: projectPath(), env });
    expect(list.stdout).toContain('dues-reminders');
    const ran = await run(
      'npx',
      ['tsx', 'src/cli.ts', 'job', 'dues-charges', '--at', '2026-11-01T00:10:00+08:00', '--local'],
      {
        cwd: projectPath(),
        env,
      },
    );
    expect(ran.stdout).toMatch(/2026-11 党费：新生成 0 笔/);
    await expect(
      run('npx', ['tsx', 'src/cli.ts', 'job', 'no-such-job', '--local'], { cwd: projectPath(), env }),
    ).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('没有名为「no-such-job」的定时任务'),
    });
  });
});
