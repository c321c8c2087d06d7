import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectPath } from '../../src/paths.js';

/**
 * Tests never take a date from the machine's clock: a test that does passes in November and fails in December.
 * Dates come from the test bot's fixed clock (test/support/clock.ts) or a literal instant; durations come from
 * performance.now(). A line that must read the real clock says why with a `real-clock:` comment on it or the line
 * above (e.g. checking that a client stamps the current time when none is given).
 */
const REAL_CLOCK = /\bnew Date\(\s*\)|\bDate\.now\b/;
const MARKER = /\/\/ real-clock: \S/;

function realClockReads(source: string): number[] {
  const lines = source.split('\n');
  return lines.flatMap((line, i) => {
    const code = line.replace(/\/\/.*$/, '');
    if (!REAL_CLOCK.test(code)) return [];
    return MARKER.test(line) || MARKER.test(lines[i - 1] ?? '') ? [] : [i + 1];
  });
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return tsFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

describe('no test reads the real clock', () => {
  it('finds new Date(), Date.now and Date.now() unless a real-clock: comment says why', () => {
    expect(realClockReads('const month = currentYearMonth(new Date(), ZONE);')).toEqual([1]);
    expect(realClockReads('const t = Date.now() + 3 * HOUR;')).toEqual([1]);
    expect(realClockReads('const seconds = Math.floor(Date.now / 1000);')).toEqual([1]);
    expect(realClockReads('x\n  paidAt: new Date( ),')).toEqual([2]);
    expect(realClockReads("const at = new Date('2026-12-31T09:30:00+08:00');")).toEqual([]);
    expect(realClockReads('const started = performance.now();')).toEqual([]);
    expect(realClockReads('// new Date() is what we avoid')).toEqual([]);
    expect(realClockReads('// real-clock: the client stamps now\nexpect(t - Date.now()).toBe(0);')).toEqual(
      [],
    );
    expect(realClockReads('// real-clock:\nDate.now();')).toEqual([2]); // a marker must give a reason
  });

  it('holds for every file under test/', () => {
    const root = projectPath('test');
    const offenders = tsFiles(root)
      .filter((file) => relative(root, file) !== join('unit', 'no-real-clock.test.ts')) // its own examples
      .flatMap((file) =>
        realClockReads(readFileSync(file, 'utf8')).map((line) => `test/${relative(root, file)}:${line}`),
      );
    expect(offenders, 'take the date from the test bot clock (bot.clock) or a fixed instant').toEqual([]);
  });
});
