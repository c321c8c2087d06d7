import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { projectPath } from '../../src/paths.js';

describe('the production build (tsconfig.build.json, what the image compiles)', () => {
  it('compiles the bot, its workers and the operator CLI, and none of the development code', async () => {
    const { stdout } = await promisify(execFile)(
      'npx',
      ['tsc', '-p', 'tsconfig.build.json', '--listFilesOnly'],
      { cwd: projectPath(), maxBuffer: 16 * 1024 * 1024 },
    );
    const ours = stdout
      .split('\n')
      .filter((f) => f && !f.includes('/node_modules/'))
      .map((f) => f.slice(projectPath().length + 1));
    expect(ours).toContain('src/main.ts');
    expect(ours).toContain('src/cli.ts');
    expect(ours).toContain('jobs/worker.ts');
    const dev = ours.filter((f) => /^(src\/standin|src\/devtools|scripts|bench|test)\//.test(f));
    expect(dev).toEqual([]);
  }, 60_000);
});
