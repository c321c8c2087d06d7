import { replyWithAttachment } from '../../bot/attachment-reply.js';
import { OFFICERS } from '../../bot/audiences.js';
import { type Command, defineCommand, ok } from '../../bot/command.js';
import { EXPORTS } from '../../desk/exports/index.js';
import type { ExportSpec } from '../../desk/exports/types.js';
import { deskScopeOf } from '../../desk/scope.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** 「导出 党费台账 2026」 and 「导出党费台账 2026」. */
const triggersOf = (spec: ExportSpec) => spec.names.flatMap((n) => [`导出 ${n}`, `导出${n}`]);

/** One command per spreadsheet: built for the asker's scope and sent as a WeCom file after a summary line. */
export function exportCommand<A>(spec: ExportSpec<A>): Command {
  return defineCommand<A>({
    id: `export.${spec.id}`,
    triggers: triggersOf(spec),
    audience: spec.audience ?? OFFICERS,
    summary: `${spec.summary}（书记、委员）`,
    examples: [spec.example],
    parse: (rest, ctx) => spec.parse(rest, ctx),
    async handle(ctx, args) {
      const { models } = ctx.services;
      const scope = await deskScopeOf(models, ctx.sender);
      const query = { models, scope, now: ctx.now, timeZone: ctx.timeZone, viewer: ctx.sender };
      const file = await spec.build(query, args);
      await replyWithAttachment(
        ctx,
        { kind: 'file', filename: file.filename, contentType: XLSX, data: file.data },
        `${file.summary}表格见下方文件。`,
      );
    },
  });
}

export const exportCommands: Command[] = EXPORTS.map(exportCommand);

/** 导出 on its own, or something not exportable (yet): what can be exported. */
export const exportList = defineCommand<{ asked: string }>({
  id: 'export.list',
  triggers: ['导出'],
  audience: OFFICERS,
  summary: '可以导出的表格（书记、委员）',
  examples: ['导出'],
  parse: (rest) => ok({ asked: rest.trim() }),
  async handle(ctx, { asked }) {
    const list = EXPORTS.map((e) => `「${e.example}」${e.summary}`).join('；');
    await ctx.reply(`${asked ? `还不能导出「${asked}」。` : ''}可以发：${list}。`);
  },
});
