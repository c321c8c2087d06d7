import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectPath } from '../../src/paths.js';
import { type FakeWecomApi, startFakeWecomApi } from '../../src/standin/fake-wecom-api.js';
import { corp } from '../support/test-bot.js';

let standin: FakeWecomApi;
beforeAll(async () => {
  standin = await startFakeWecomApi({ corpId: corp.corpId, secret: corp.secret, agentId: corp.agentId });
});
afterAll(async () => {
  await standin?.close();
});

describe('npm run menu -- sync', () => {
  it('pushes a menu WeCom accepts, whose keys name registered commands', async () => {
    const port = new URL(standin.url).port;
    const { stdout } = await promisify(execFile)('npx', ['tsx', 'src/cli.ts', 'menu', 'sync', '--local'], {
      cwd: projectPath(),
      env: { ...process.env, STANDIN_PORT: port },
    });
    expect(stdout).toContain('菜单已更新');
    const [menu] = standin.menus() as Array<{
      button: Array<{ name: string; sub_button: Array<{ key: string }> }>;
    }>;
    expect(menu?.button[0]?.name).toBe('我的');
    expect(menu?.button.flatMap((b) => b.sub_button.map((s) => s.key))).toEqual([
      'cmd:member.info',
      'cmd:help',
      'cmd:complaint.report',
      'cmd:complaint.mine',
      'cmd:complaint.todo',
    ]);
  });
});
