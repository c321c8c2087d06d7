import { replyWithAttachment } from '../../bot/attachment-reply.js';
import { OFFICERS } from '../../bot/audiences.js';
import { type Command, defineCommand, ok } from '../../bot/command.js';
import { UserError } from '../../bot/user-error.js';
import { drawBarChartApart } from '../../desk/charts/draw-apart.js';
import { CHARTS } from '../../desk/charts/index.js';
import type { ChartSpec } from '../../desk/charts/types.js';
import { deskScopeOf } from '../../desk/scope.js';

/** 「图表 党费」, 「图表党费」 and 「党费图表」 all ask for the same chart. */
const triggersOf = (spec: ChartSpec) => spec.names.flatMap((n) => [`图表 ${n}`, `图表${n}`, `${n}图表`]);

/** One command per chart: drawn from the asker's scope and sent as an image after a line of figures. */
export function chartCommand(spec: ChartSpec): Command {
  return defineCommand({
    id: `chart.${spec.id}`,
    triggers: triggersOf(spec),
    audience: OFFICERS,
    summary: `${spec.summary}（图片，书记、委员）`,
    examples: [`图表 ${spec.names[0]}`],
    parse: () => ok({}),
    async handle(ctx) {
      const { models } = ctx.services;
      const scope = await deskScopeOf(models, ctx.sender);
      const chart = await spec.load({ models, scope, now: ctx.now, timeZone: ctx.timeZone });
      if (!chart) throw new UserError(`${scope.label}还没有可以画图的记录。`);
      // Drawn in a child process: echarts and resvg, and the native memory resvg holds, never stay in the worker.
      const png = await drawBarChartApart(chart.data);
      await replyWithAttachment(
        ctx,
        { kind: 'image', filename: `${spec.id}.png`, contentType: 'image/png', data: png },
        chart.caption,
      );
    },
  });
}

export const chartCommands: Command[] = CHARTS.map(chartCommand);

const menu = () => CHARTS.map((c) => `「图表 ${c.names[0]}」${c.summary}`).join('；');

/** 图表 on its own, or a chart that does not exist (yet): what can be drawn. */
export const chartList = defineCommand<{ asked: string }>({
  id: 'chart.list',
  triggers: ['图表', '统计图'],
  audience: OFFICERS,
  summary: '可以发的统计图（书记、委员）',
  examples: ['图表'],
  parse: (rest) => ok({ asked: rest.trim() }),
  async handle(ctx, { asked }) {
    await ctx.reply(`${asked ? `还没有「${asked}」图表。` : ''}可以发：${menu()}。`);
  },
});
