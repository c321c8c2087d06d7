import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The arrows between layers point one way: src/domain is pure (no I/O, nothing from the rest of src), and
 * nothing below src/commands imports it — only the wiring that hands the command list to the bot.
 */

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The packages src/domain may use: calendars, time zones and validation, none of them I/O. */
const DOMAIN_PACKAGES = new Set(['@date-fns/tz', 'date-fns', 'chinese-days', 'zod']);

/** The only files outside src/commands that may import it, and only its index: the command list. */
const COMMAND_WIRING = new Set([
  'src/bot/services.ts',
  'src/cli/menu.ts',
  // The local run pushes the app menu, as `npm run menu -- sync` does in a deployment.
  'scripts/local.ts',
  // The corpus checks intents against the commands; the NLU bench routes through the real registry.
  'scripts/nlu-corpus.ts',
  'bench/nlu-eval.ts',
]);

interface Import {
  file: string;
  spec: string;
  /** Repository-relative path for a relative import; null for a package. */
  target: string | null;
}

/** import … from '…', export … from '…', import '…' and import('…'); statements start a line. */
const IMPORT =
  /^(?:import|export)\s[^;'"]*?\bfrom\s*['"]([^'"]+)['"]|^import\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/gm;

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(dir, f));
}

function importsOf(file: string): Import[] {
  const text = readFileSync(join(root, file), 'utf8');
  return [...text.matchAll(IMPORT)].map(([, a, b, c]) => {
    const spec = a ?? b ?? c ?? '';
    return {
      file,
      spec,
      target: spec.startsWith('.')
        ? relative(root, resolve(root, dirname(file), spec)).replace(/\.js$/, '.ts')
        : null,
    };
  });
}

const packageName = (spec: string) =>
  spec
    .split('/')
    .slice(0, spec.startsWith('@') ? 2 : 1)
    .join('/');
const show = (imports: Import[]) => imports.map((i) => `${i.file} → ${i.spec}`);

const all = ['src', 'jobs', 'scripts', 'bench'].flatMap(sourceFiles).flatMap(importsOf);

describe('layering', () => {
  it('reads the imports it checks', () => {
    expect(
      all.filter((i) => i.file === 'src/bot/services.ts' && i.target === 'src/commands/index.ts'),
    ).toHaveLength(1);
  });

  it('src/domain imports only src/domain and pure packages', () => {
    const wrong = all.filter(
      (i) =>
        i.file.startsWith('src/domain/') &&
        (i.target === null ? !DOMAIN_PACKAGES.has(packageName(i.spec)) : !i.target.startsWith('src/domain/')),
    );
    expect(show(wrong)).toEqual([]);
  });

  it('nothing outside src/commands imports it but the wiring, and the wiring only its index', () => {
    const wrong = all.filter(
      (i) =>
        !i.file.startsWith('src/commands/') &&
        i.target?.startsWith('src/commands/') &&
        !(COMMAND_WIRING.has(i.file) && i.target === 'src/commands/index.ts'),
    );
    expect(show(wrong)).toEqual([]);
  });
});
