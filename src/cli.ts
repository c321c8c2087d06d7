/**
 * The operator's commands, one entry point for the compiled image and for development:
 *   node dist/src/cli.js <command> …        (production image: docker compose run --rm worker node dist/src/cli.js …)
 *   npm run <command> -- …                  (development, through tsx)
 * Each command reads its own arguments, so the command's name is taken off argv before it loads.
 */
const COMMANDS = {
  roster: {
    load: () => import('./cli/roster.js'),
    summary: '导入/导出党员花名册和网格 / roster import, export',
  },
  job: { load: () => import('./cli/job.js'), summary: '手动运行一个定时任务 / run a scheduled job' },
  dues: { load: () => import('./cli/dues.js'), summary: '核定全年党费 / assess a year of dues' },
  menu: { load: () => import('./cli/menu.js'), summary: '查看或推送应用菜单 / show or push the app menu' },
  export: { load: () => import('./cli/export.js'), summary: '导出台账表格 / write a spreadsheet' },
} as const;

const name = process.argv[2] ?? '';
if (!Object.hasOwn(COMMANDS, name)) {
  console.error('用法 / usage: node dist/src/cli.js <command> [arguments]');
  for (const [command, { summary }] of Object.entries(COMMANDS))
    console.error(`  ${command.padEnd(8)} ${summary}`);
  process.exit(name === '' || name === '--help' || name === '-h' ? 0 : 2);
}
process.argv.splice(2, 1);
await COMMANDS[name as keyof typeof COMMANDS].load();
