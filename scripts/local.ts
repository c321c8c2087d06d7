/**
 * Runs the bot on the embedded default: local Redis + FerretDB (started by scripts/local.sh), the WeCom
 * stand-in on STANDIN_PORT (3100) and the bot on PORT (3000), with the throwaway corp in
 * fixtures/wecom/local-corp.json and the demo community 幸福里社区 (loaded, idempotently, at every start).
 * Verifies the callback URL the way the admin console does, serves the chat simulator at /dev
 * (not under NODE_ENV=production), then waits.
 */

import { buildMenu } from '../src/bot/menu.js';
import { buildRegistry } from '../src/bot/registry.js';
import { LOCAL_KF, LOCAL_STANDIN_URL, localCorp as loadLocalCorp, localEnv } from '../src/cli/env.js';
import { commands } from '../src/commands/index.js';
import { parseConfig } from '../src/config.js';
import { devRoutes } from '../src/devtools/dev-routes.js';
import { scheduledJobRunner } from '../src/devtools/job-runner.js';
import { createLogger } from '../src/logger.js';
import { importDemo } from '../src/roster/demo.js';
import { startRuntime } from '../src/runtime.js';
import { WecomCallbackClient } from '../src/standin/callback-client.js';
import { startFakeWecomApi } from '../src/standin/fake-wecom-api.js';

const localCorp = loadLocalCorp();
const standin = await startFakeWecomApi({
  ...localCorp,
  port: Number(new URL(LOCAL_STANDIN_URL).port),
  kfAccounts: [LOCAL_KF],
});
const config = parseConfig({ ...localEnv(standin.url), ROLE: 'all' });
// The simulator impersonates members, so startRuntime refuses it under NODE_ENV=production: leave it off there.
const devtools =
  config.nodeEnv === 'production'
    ? undefined
    : devRoutes({ standinUrl: standin.url, jobs: scheduledJobRunner });
const runtime = await startRuntime(config, createLogger(config.logLevel), {
  host: '127.0.0.1',
  ...(devtools ? { routes: devtools } : {}),
});

const { grids, members, studySchedules, dues } = await importDemo(runtime.deps.models, runtime.deps.now());
const charged = await runtime.deps.models.DuesCharge.countDocuments({});
const sessions = await runtime.deps.models.StudySession.countDocuments({ status: 'scheduled' });
// Everyone in the roster is "in the app's visibility" on the stand-in, as a real deployment would set it.
const people = await runtime.deps.models.Member.find({}, { wecomUserId: 1, name: 1 }).lean();
standin.setUsers(people.map((p) => ({ userid: p.wecomUserId, name: p.name })));
// Grid leaders and secretaries receive residents on the kf account (转人工).
const receptionists = await runtime.deps.models.Member.find(
  { roles: { $in: ['grid_leader', 'secretary'] } },
  { wecomUserId: 1 },
).lean();
standin.kf.addAccount({ ...LOCAL_KF, servicers: receptionists.map((m) => m.wecomUserId) });

// The app menu, as `npm run menu -- sync` sets it in a real deployment: its items can be clicked at once.
const menu = buildMenu(buildRegistry(commands));
await runtime.deps.wecom.createMenu(menu);
const menuKey = menu.button.flatMap((b) => ('sub_button' in b ? b.sub_button : [b])).find((b) => 'key' in b);

const callbackUrl = `${runtime.url}/wecom/callback`;
const check = await new WecomCallbackClient({ ...localCorp, botUrl: callbackUrl }).verifyUrl();
if (check.status !== 200 || check.body !== check.expected) {
  console.error(`URL verification failed: HTTP ${check.status} ${check.body}`);
  process.exit(1);
}

console.log(`
党建助手 is running (local, throwaway corp ${localCorp.corpId})
  callback   ${callbackUrl}   (URL verification: OK)
  WeCom API  ${standin.url}   (stand-in; live feed of sent messages: ${standin.url}/__standin/stream)
  health     ${runtime.internalUrl}/readyz    metrics ${runtime.internalUrl}/metrics
  simulator  ${devtools ? `${runtime.url}/dev   (chat as any member in the browser)` : 'off (NODE_ENV=production)'}
  demo       幸福里社区: ${people.length} people, grids ${grids.created + grids.updated + grids.unchanged}${members ? '' : ' (members not loaded: see npm run roster -- demo)'}
             study days for ${(studySchedules?.set ?? 0) + (studySchedules?.kept ?? 0)} branches, ${sessions} sessions planned ahead
             dues this year: ${charged} monthly charges, ${dues?.payments ?? 0} payments written now (some members behind)

Talk to it from another terminal, for example as 李建国 (secretary) or 王桂兰 (retired member):
  npm run say -- lijianguo "帮助"
  npm run say -- wangguilan "昨天下午去3号楼王奶奶家走访了两个小时"
  npm run say -- wangguilan "下次学习是哪天"
A resident on plain WeChat (微信客服 ${LOCAL_KF.name}), with the reply window and what is held back:
  npm run say -- --kf wmZhangDaMa0001 "5号楼2单元下水道堵了"
A resident in the corp but on no roster; a photo, a location, a menu tap:
  npm run say -- --resident zhangdama "小区东门路灯坏了好几天了"
  npm run say -- zhangdama --image photo.jpg      npm run say -- zhangdama --location "31.2304,121.4737,幸福里5号楼"
  npm run say -- wangguilan --click ${menuKey && 'key' in menuKey ? `${menuKey.key}   (${menuKey.name})` : '<key>'}
Run a scheduled job as of any time: npm run job -- <name> --at 2026-11-15T10:00:00+08:00 --local

Ctrl-C stops the bot; \`npm run services:stop\` stops Redis and FerretDB.
`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await runtime.close();
  await standin.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
