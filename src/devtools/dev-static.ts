import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Router } from '@koa/router';
import { projectPath } from '../paths.js';

/**
 * The simulator page and its ES modules, straight from disk (no build step). Only the names listed at start-up
 * are served: a request is looked up, never turned into a file path.
 */

const PUBLIC_DIR = 'src/devtools/public';

const TYPES: Readonly<Record<string, string>> = { js: 'text/javascript', css: 'text/css' };

/** The page's modules and styles by file name (index.html is served at /dev itself). */
function pageFiles(): Map<string, string> {
  const files = new Map<string, string>();
  for (const name of readdirSync(projectPath(PUBLIC_DIR))) {
    const type = TYPES[name.slice(name.lastIndexOf('.') + 1)];
    if (type) files.set(name, type);
  }
  return files;
}

/** Bare specifiers in index.html's import map point here. */
const VENDOR_FILES: Readonly<Record<string, string>> = {
  'preact.mjs': 'node_modules/preact/dist/preact.mjs',
  'hooks.mjs': 'node_modules/preact/hooks/dist/hooks.mjs',
  'htm.mjs': 'node_modules/htm/dist/htm.mjs',
};

const IMPORT_MAP = /<script type="importmap">([\s\S]*?)<\/script>/;

/** Strict CSP: the inline import map is allowed by its hash, the live feed by the stand-in's origin. */
function contentSecurityPolicy(html: string, standinOrigin: string): string {
  const importMap = IMPORT_MAP.exec(html)?.[1] ?? '';
  const hash = createHash('sha256').update(importMap).digest('base64');
  return [
    "default-src 'none'",
    `script-src 'self' 'sha256-${hash}'`,
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src 'self' ${standinOrigin}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function registerDevStatic(router: Router, standinUrl: string): void {
  const missing = Object.values(VENDOR_FILES).filter((f) => !existsSync(projectPath(f)));
  if (missing.length > 0) {
    throw new Error(
      `The /dev page needs the dev dependencies preact and htm (npm install): ${missing.join(', ')}`,
    );
  }
  const standinOrigin = new URL(standinUrl).origin;
  const files = pageFiles();

  router.get(['/dev', '/dev/'], async (ctx) => {
    const html = await readFile(projectPath(PUBLIC_DIR, 'index.html'), 'utf8');
    ctx.set('content-security-policy', contentSecurityPolicy(html, standinOrigin));
    ctx.set('cache-control', 'no-store');
    ctx.type = 'text/html; charset=utf-8';
    ctx.body = html;
  });

  router.get('/dev/static/:name', async (ctx) => {
    const name = ctx.params.name ?? '';
    const type = files.get(name);
    if (!type) return;
    ctx.set('cache-control', 'no-store'); // edits show on reload
    ctx.type = `${type}; charset=utf-8`;
    ctx.body = await readFile(projectPath(PUBLIC_DIR, name), 'utf8');
  });

  router.get('/dev/vendor/:name', async (ctx) => {
    const name = ctx.params.name ?? '';
    const file = Object.hasOwn(VENDOR_FILES, name) ? VENDOR_FILES[name] : undefined;
    if (!file) return;
    ctx.type = 'text/javascript; charset=utf-8';
    ctx.body = await readFile(projectPath(file), 'utf8');
  });
}
