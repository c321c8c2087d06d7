import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Models } from '../../src/models/index.js';
import { projectPath } from '../../src/paths.js';
import { openScratchDb } from './scratch-db.js';

/** What a roster test works in: a database of its own with the unique indexes, and a folder for its files. */
export interface RosterScratch {
  uri: string;
  models: Models;
  dir: string;
  /** Drops the database and removes the folder. */
  close(): Promise<void>;
}

export async function openRosterScratch(folderPrefix: string): Promise<RosterScratch> {
  const { uri, models, close } = await openScratchDb({ indexes: true });
  const dir = await mkdtemp(join(tmpdir(), folderPrefix));
  return {
    uri,
    models,
    dir,
    async close() {
      await close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Runs `roster <args>` of src/cli.ts against the database at `uri`, as a secretary would from a shell. */
export function runRosterCli(
  uri: string,
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      'npx',
      ['tsx', 'src/cli.ts', 'roster', ...args],
      { cwd: projectPath(), env: { ...process.env, MONGODB_URI: uri } },
      (err, stdout, stderr) => resolve({ code: err ? Number(err.code) : 0, stdout, stderr }),
    );
  });
}
