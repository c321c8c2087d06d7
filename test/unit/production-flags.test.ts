import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PRODUCTION_NODE_FLAGS } from '../../bench/servers/node-flags.js';
import { projectPath } from '../../src/paths.js';

describe('the V8 flags the bot runs with', () => {
  it('are the same in the image, in npm run start:prod and in the benches', () => {
    const dockerfile = readFileSync(projectPath('Dockerfile'), 'utf8');
    const cmd = /^CMD (\[.*\])$/m.exec(dockerfile)?.[1] ?? '[]';
    expect(JSON.parse(cmd)).toEqual(['node', ...PRODUCTION_NODE_FLAGS, 'dist/src/main.js']);
    const { scripts } = JSON.parse(readFileSync(projectPath('package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(scripts['start:prod']).toBe(['node', ...PRODUCTION_NODE_FLAGS, 'dist/src/main.js'].join(' '));
  });
});
