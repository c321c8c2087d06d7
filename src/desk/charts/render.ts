import { Resvg } from '@resvg/resvg-js';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([BarChart, GridComponent, LegendComponent, TitleComponent, SVGRenderer]);

/** Debian's fonts-noto-cjk (installed by scripts/ensure-fonts.sh and the Dockerfile): Chinese, not boxes. */
export const CHART_FONT = 'Noto Sans CJK SC';

export interface ChartSize {
  width: number;
  height: number;
}

/**
 * Draws an ECharts option on the server, without a browser: ECharts renders SVG (server-side mode, no
 * animation), resvg rasterises it to PNG at twice the size so it stays sharp on phones.
 */
export function renderPng(
  option: echarts.EChartsCoreOption,
  size: ChartSize = { width: 800, height: 450 },
): Buffer {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, ...size });
  let svg: string;
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: CHART_FONT }, ...option });
    svg = chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
  return new Resvg(svg, {
    background: '#ffffff',
    fitTo: { mode: 'zoom', value: 2 },
    font: { loadSystemFonts: true, defaultFontFamily: CHART_FONT, sansSerifFamily: CHART_FONT },
  })
    .render()
    .asPng();
}
