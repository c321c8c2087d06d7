import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forkWorker } from '../support/fork-worker.js';
import { KF, KF_ACCOUNTS, kfTexts, notify, text } from '../support/kf.js';
import { openScratchDb, type ScratchDb } from '../support/scratch-db.js';
import { seedCommunity } from '../support/seed.js';
import { startTestBot, type TestBot, waitFor } from '../support/test-bot.js';

/**
 * A worker killed in the middle of a kf pull: the page it stored is kept (its cursor saved), the next worker
 * reads on from there once the dead one's lease runs out, and every message is answered exactly once.
 */

const ext = 'wmXfl7GCAAAcrashResidentWu0000001';
let bot: TestBot;
const children: ChildProcess[] = [];
// The web role opens no MongoDB: the test reads and seeds the workers' database itself.
let scratch: ScratchDb;

beforeAll(async () => {
  // The webhook here; workers only in child processes. Pages of 2, so four messages take two pages.
  bot = await startTestBot({
    role: 'web',
    kfAccounts: KF_ACCOUNTS,
    realTimeStandin: true,
    env: { WECOM_KF_SYNC_LIMIT: '2' },
  });
  scratch = await openScratchDb({ uri: bot.config.mongodbUri });
  await seedCommunity(scratch.models);
});
afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  await bot?.close();
  await scratch?.close();
});

const startWorkerProcess = () => forkWorker(bot, children);

describe('a worker killed between two pages of a pull', () => {
  it('leaves the stored page and its cursor; the next worker pulls the rest; each message answered once', {
    timeout: 90_000,
  }, async () => {
    const first = await startWorkerProcess();
    const says = ['帮助', '我的反映', '你好', '谢谢'].map((t) =>
      bot.standin.kf.customerSays(KF, ext, text(t)),
    );
    // The second page fails (-1, retried by the client after 200 ms): the worker dies in that gap.
    const calls = bot.standin.counts().kfSyncMsg;
    bot.standin.injectFault('kf/sync_msg', -1, 2, 1);
    await notify(bot, says.at(-1)!);
    await waitFor(
      () => bot.standin.counts().kfSyncMsg,
      (n) => n >= calls + 2,
      10_000,
      'the second page',
    );
    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));

    const account = await scratch.models.KfAccount.findOne({ openKfId: KF });
    expect(account?.cursor).not.toBe('');
    expect(await scratch.models.KfInbox.countDocuments({ msgid: { $in: says.map((s) => s.msgid) } })).toBe(2);

    await startWorkerProcess();
    await waitFor(
      () => kfTexts(bot, ext),
      (t) => t.length >= 4,
      40_000,
      'four answers',
    );
    await new Promise((r) => setTimeout(r, 1_500));
    expect(kfTexts(bot, ext)).toHaveLength(4);
    expect(await scratch.models.KfInbox.countDocuments({ msgid: { $in: says.map((s) => s.msgid) } })).toBe(4);
  });
});
