import { type ChildProcess, fork } from 'node:child_process';
import { projectPath } from '../../src/paths.js';
import type { TestBot } from './test-bot.js';

/**
 * Starts the worker role of `bot` in a child process (test/support/worker-process.ts), so a test can SIGKILL it
 * mid-job as a crash would. Resolves once it runs; the caller kills what it started (`children`).
 */
export async function forkWorker(
  bot: TestBot,
  children: ChildProcess[],
  production = false,
): Promise<ChildProcess> {
  const child = fork(
    projectPath('test/support/worker-process.ts'),
    [JSON.stringify({ config: bot.config, ns: bot.ns, production })],
    { execArgv: ['--import', 'tsx'], stdio: 'inherit' },
  );
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`worker exited early (${code})`)));
  });
  return child;
}
