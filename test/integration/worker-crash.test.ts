import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forkWorker } from '../support/fork-worker.js';
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

const startWorkerProcess = (production = false) => forkWorker(bot, children, production);

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

    const second = await startWorkerProcess();
    const replies = await bot.messagesTo('wangguilan', 1, 20_000);
    expect(textOf(replies[0])).toMatch(HELP_REPLY);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(bot.standin.messages({ touser: 'wangguilan' })).toHaveLength(1);
    // Gone before the next case, which needs to know whose reply is in flight (it could also forward arrivals).
    second.kill('SIGKILL');
    await new Promise((resolve) => second.once('exit', resolve));
  }, 60_000);

  it('after WeCom took the reply but before it was recorded: sent again, dropped by WeCom, within 15 s', async () => {
    // Production stall settings, and a second worker standing by — held stopped until the first one dies, so
    // the reply in flight is surely the first one's.
    // The first case's surviving worker would take jobs too: only this case's workers run.
    for (const child of children.splice(0)) child.kill('SIGKILL');
    const standby = await startWorkerProcess(true);
    standby.kill('SIGSTOP');
    const first = await startWorkerProcess(true);
    const delivered: number[] = [];
    bot.standin.on('message', (m) => {
      if (!m.touser.includes('zhaoxiuying')) return;
      // WeCom has the message; the worker that sent it dies before it can write down that it did.
      if (delivered.push(performance.now()) === 1) {
        first.kill('SIGKILL');
        standby.kill('SIGCONT');
      }
    });
    const suppressed = bot.standin.counts().duplicatesSuppressed;
    // Several questions at once, so the reply in flight at the kill is surely the first worker's.
    for (const text of ['帮助', '我的信息', '党费']) {
      expect((await bot.wecom.sendText('zhaoxiuying', text)).status).toBe(200);
    }
    const crashedAt = await waitFor(
      () => delivered[0],
      (t) => t !== undefined,
      20_000,
      'the first reply',
    );
    const resent = await waitFor(
      () => bot.standin.counts().duplicatesSuppressed,
      (n) => n > suppressed,
      20_000,
      'the uncertain reply sent again and dropped by WeCom',
    );
    expect(resent).toBe(suppressed + 1);
    const replies = await bot.messagesTo('zhaoxiuying', 3, 20_000);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(bot.standin.messages({ touser: 'zhaoxiuying' })).toHaveLength(3);
    expect(replies.map(textOf)[0]).toMatch(HELP_REPLY);
    // Every reply there, the last one well within 15 s of the crash.
    expect((delivered.at(-1) ?? 0) - (crashedAt ?? 0)).toBeLessThan(15_000);
  }, 90_000);
});
