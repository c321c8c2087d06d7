/**
 * Roster import/export from the command line: `npm run roster -- <command> …` (usage below).
 * Only MONGODB_URI is read, so the script runs without the bot's WeCom settings.
 */
import { parseArgs } from 'node:util';
import mongoose from 'mongoose';
import { createModels, type Models, syncIndexes } from '../models/index.js';
import { DEMO_COMMUNITY, DEMO_FILES, importDemo } from '../roster/demo.js';
import { exportRoster } from '../roster/export.js';
import { type ImportOptions, type ImportReport, importGrids, importRoster } from '../roster/import.js';
import { previewPath, writePreviewXlsx } from '../roster/preview-xlsx.js';
import { reportLines } from '../roster/report-text.js';

const USAGE = `用法 / usage:
  npm run roster -- import <file.csv|file.xlsx> [--community <code>] [--community-name <名称>] [--dry-run [--preview <预览.xlsx>]] [--allow-partial]
  npm run roster -- import-grids <file.csv|file.xlsx> [同上 / same options]
  npm run roster -- export <file.csv|file.xlsx> [--community <code>]
  npm run roster -- demo          示例社区 幸福里社区 (xingfuli)：先导入网格，再导入党员
--community 可省略：数据库里只有一个社区时就用它。花名册可带标题行和两行合并表头；试运行把预览另存为 .xlsx。
先导入网格，再导入党员（党员的「网格」要引用已有网格）。
MONGODB_URI 默认 / default mongodb://127.0.0.1:27017/dangjian`;

const DEMO = DEMO_COMMUNITY;

class UsageError extends Error {}

const OPTIONS = {
  community: { type: 'string' },
  'community-name': { type: 'string' },
  'dry-run': { type: 'boolean', default: false },
  preview: { type: 'string' },
  'allow-partial': { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

function readArgs(argv: string[]) {
  try {
    return parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

type Command =
  | { name: 'help' }
  | { name: 'demo' }
  | {
      name: 'import' | 'import-grids' | 'export';
      file: string;
      options: ReturnType<typeof readArgs>['values'];
    };

/** Checked before connecting, so a mistyped command fails at once. */
function parseCommandLine(argv: string[]): Command {
  const { positionals, values } = readArgs(argv);
  const [name, file, ...extra] = positionals;
  if (values.help) return { name: 'help' };
  if (name === 'demo' && file === undefined) return { name };
  if ((name === 'import' || name === 'import-grids' || name === 'export') && file && extra.length === 0) {
    return { name, file, options: values };
  }
  throw new UsageError(
    name ? `看不懂的参数 / unexpected arguments: ${positionals.join(' ')}` : '缺少命令 / no command',
  );
}

function printReport(title: string, report: ImportReport, options: ImportOptions): boolean {
  for (const line of reportLines(title, report, options.dryRun ?? false)) console.log(line);
  const { created, updated, unchanged, rejected } = report;
  return !(rejected.length > 0 && created + updated + unchanged === 0);
}

/** The community when --community is left out: the only one in the database. */
async function onlyCommunity(models: Models): Promise<string> {
  const communities = await models.Community.find({}, { code: 1 }).limit(2).lean();
  const only = communities.length === 1 ? communities[0] : undefined;
  if (!only) throw new UsageError('请用 --community <code> 指明社区 / please give --community <code>');
  return only.code;
}

async function run(models: Models, command: Exclude<Command, { name: 'help' }>): Promise<boolean> {
  if (command.name === 'demo') {
    const { grids, members, studySchedules, dues } = await importDemo(models);
    if (!printReport(`网格 / grids: ${DEMO_FILES.grids}`, grids, DEMO)) return false;
    if (members === null || !printReport(`党员 / members: ${DEMO_FILES.members}`, members, DEMO))
      return false;
    const s = studySchedules!;
    console.log(
      `学习日 / study days: ${DEMO_FILES.studySchedules}: 新设 ${s.set}，保留原有 ${s.kept}` +
        s.rejected.map((r) => `\n  第${r.row}行: ${r.problem}`).join(''),
    );
    console.log(`党费 / dues this year: 新生成应交 ${dues?.charges ?? 0} 笔，缴费 ${dues?.payments ?? 0} 笔`);
    return s.rejected.length === 0;
  }
  const { name, file, options: o } = command;
  const code = o.community ?? (await onlyCommunity(models));
  if (name === 'export') {
    const count = await exportRoster(models, code, file);
    console.log(`已导出 ${count} 人到 ${file}（社区 ${code}） / exported ${count} members`);
    return true;
  }
  const options: ImportOptions = {
    communityCode: code,
    communityName: o['community-name'],
    file,
    dryRun: o['dry-run'],
    allowPartial: o['allow-partial'],
  };
  const report = await (name === 'import' ? importRoster : importGrids)(models, options);
  const title = `${name === 'import' ? '党员 / members' : '网格 / grids'}: ${file} → ${code}`;
  const applied = printReport(title, report, options);
  if (report.preview) {
    const out = o.preview ?? previewPath(file);
    await writePreviewXlsx(out, title, reportLines(title, report, true), report);
    console.log(`预览已另存为 / preview written to ${out}`);
  }
  return applied;
}

async function main(): Promise<number> {
  let command: Command;
  try {
    command = parseCommandLine(process.argv.slice(2));
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (command.name === 'help') {
    console.log(USAGE);
    return 0;
  }
  const uri = process.env.MONGODB_URI || 'mongodb://127.0.0.1:27017/dangjian';
  const db = await mongoose.createConnection(uri, { serverSelectionTimeoutMS: 5_000 }).asPromise();
  try {
    const models = createModels(db);
    await syncIndexes(models);
    return (await run(models, command)) ? 0 : 1;
  } catch (err) {
    console.error(
      err instanceof UsageError ? `${err.message}\n\n${USAGE}` : err instanceof Error ? err.message : err,
    );
    return err instanceof UsageError ? 2 : 1;
  } finally {
    await db.close();
  }
}

process.exitCode = await main();
