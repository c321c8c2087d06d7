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
      button: Array<{ name: string; sub_button: Array<{ key: string; name: string }> }>;
    }>;
    // What members use most comes first: dues, the study day, signing in or asking leave.
    expect(menu?.button.map((b) => b.name)).toEqual(['党费学习', '我的', '反映问题']);
    expect(menu?.button[0]?.sub_button.map((s) => [s.name, s.key])).toEqual([
      ['党费', 'cmd:dues.status'],
      ['交党费找谁', 'cmd:dues.how'],
      ['学习日', 'cmd:study.when'],
      ['签到', 'cmd:study.signin'],
      ['请假', 'cmd:study.leave'],
    ]);
    expect(menu?.button[1]?.sub_button.map((s) => s.name)).toEqual([
      '我的活动',
      '我的积分',
      '我的信息',
      '使用帮助',
    ]);
    expect(menu?.button[2]?.sub_button.map((s) => s.key)).toEqual([
      'cmd:complaint.report',
      'cmd:complaint.mine',
      'cmd:complaint.todo',
    ]);
  });
});
