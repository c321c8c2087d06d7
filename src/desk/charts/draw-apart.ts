import { fork } from 'node:child_process';
import type { ChartData } from './bar.js';

/** The child's own file: compiled JavaScript in production, TypeScript under tsx (development, tests). */
const child = new URL(`./draw-child${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url);
const DEADLINE_MS = 30_000;

/**
 * Draws a bar chart as PNG in a short-lived child process. resvg keeps each rasterised image (5.8 MB at
 * 800×450, zoom 2) in native memory until V8 happens to collect its tiny JS wrapper, and echarts + resvg take
 * ~40 MB once loaded: in the worker that piled up by ~100 MB over a soak. The child takes all of it with it
 * when it exits; a chart costs ~0.3 s more, and charts are drawn now and then, not per message.
 */
export function drawBarChartApart(data: ChartData): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const proc = fork(child, [], {
      serialization: 'advanced',
      execArgv: child.pathname.endsWith('.ts') ? ['--import', 'tsx'] : [],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const timer = setTimeout(() => proc.kill('SIGKILL'), DEADLINE_MS);
    let png: Buffer | null = null;
    proc.once('message', (m) => {
      png = Buffer.from(m as Uint8Array);
    });
    proc.once('error', reject);
    proc.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (png) resolve(png);
      else reject(new Error(`chart drawing process ended without a picture (${signal ?? code})`));
    });
    proc.send(data);
  });
}
