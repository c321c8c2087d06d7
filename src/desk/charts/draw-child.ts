/** The child process of draw-apart.ts: draws one chart, sends the PNG back, exits (and frees what resvg held). */
import { barChart, type ChartData } from './bar.js';
import { renderPng } from './render.js';

process.once('message', (data) => {
  const png = renderPng(barChart(data as ChartData));
  process.send?.(png, () => process.exit(0));
});
