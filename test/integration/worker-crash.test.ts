import { type ChildProcess, fork } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectPath } from '../../src/paths.js';
import { HELP_REPLY, startTestBot, type TestBot, textOf, waitFor } from '../support/test-bot.js';

let bot: TestBot;
const children: ChildProcess[] = [];

beforeAll(async () => {
  bot = await startTestBot({ role: 'web' }); // the webhook here; workers only in child processes
});
afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  await bot?.close();
});

async function startWorkerProcess(): Promise<ChildProcess> {
  const child = fork(
    projectPath('test/support/worker-process.ts'),
    [JSON.stringify({ config: bot.config, ns: bot.ns })],
    {
      execArgv: ['--import', 'tsx'],
      stdio: 'inherit',
    },
  );
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`worker exited early (${code})`)));
  });
  return child;
}

describe('a worker killed in the middle of a send', () => {
  it('leaves the job to the next worker, and the member gets exactly one reply', async () => {
    const first = await startWorkerProcess();
    // The first send attempt fails (-1); the client waits 200 ms before retrying — we kill it in that gap.
    bot.standin.injectFault('message/send', -1, 2);
    const sendsBefore = bot.standin.counts().send;
    expect((await bot.wecom.sendText('wangguilan', '帮助')).status).toBe(200);
    await waitFor(
      () => bot.standin.counts().send,
      (n) => n > sendsBefore,
      10_000,
      'the first send attempt',
    );
    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));
    expect(bot.standin.messages({ touser: 'wangguilan' })).toHaveLength(0);

    await startWorkerProcess();
    const replies = await bot.messagesTo('wangguilan', 1, 20_000);
    expect(textOf(replies[0])).toMatch(HELP_REPLY);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(bot.standin.messages({ touser: 'wangguilan' })).toHaveLength(1);
  });
});
