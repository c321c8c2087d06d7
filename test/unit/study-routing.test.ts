import { describe, expect, it } from 'vitest';
import { buildRegistry } from '../../src/bot/registry.js';
import { route } from '../../src/bot/route.js';
import { commands } from '../../src/commands/index.js';
import { normaliseText } from '../../src/domain/text/index.js';

const registry = buildRegistry(commands);
const member = { speaker: 'member' as const, allowed: () => true };
const routed = (text: string) => {
  const decision = route(registry, normaliseText(text), member);
  return decision.kind === 'run' || decision.kind === 'confirm' ? decision.command.id : null;
};

/** How members actually phrase study-day business (domain notes §7) reaches the right command. */
describe('free phrasing about study days', () => {
  it.each([
    ['下次学习是哪天', 'study.when'],
    ['这个月学习日几号', 'study.when'],
    ['礼拜几学习来着', 'study.when'],
    ['国庆放假 学习还开不开', 'study.when'],
    ['下回党课在哪上 几点', 'study.when'],
    ['主题党日改时间了没', 'study.when'],
    ['明天是不是要开会', 'study.when'],
    ['签到', 'study.signin'],
    ['我到了', 'study.signin'],
    ['已到会议室 签个到', 'study.signin'],
    ['扫码签不上 帮我手动签一下', 'study.signin'],
    ['帮我老伴也签一个 她也来了', 'study.signin'],
    ['我在线上参加的 算签到吗', 'study.remote'],
    ['请假 明天学习去不了 要去医院复查', 'study.leave'],
    ['我腿脚不好 这周的会就不去了', 'study.leave'],
    ['下周二在外地 请个假', 'study.leave'],
    ['孙子发烧 今天下午来不了', 'study.leave'],
    ['老张住院了 让我帮他请个假', 'study.leave'],
    // Logging what one did stays with the activity log.
    ['前天党小组集中学习我参加了，一个半钟头', 'activity.log'],
    ['本月主题党日参加了 在二楼会议室', 'activity.log'],
    ['今天参加了党课学习 一个小时', 'activity.log'],
  ])('%s → %s', (text, id) => {
    expect(routed(text)).toBe(id);
  });
});
