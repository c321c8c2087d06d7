import { describe, expect, it } from 'vitest';
import type { Command } from '../../src/bot/command.js';
import { buildRegistry } from '../../src/bot/registry.js';
import { type Asker, route } from '../../src/bot/route.js';
import { commands } from '../../src/commands/index.js';
import { normaliseText } from '../../src/domain/text/index.js';

/**
 * Free sentences about problems reach the complaint intake through the real registry, and the sentences of
 * every other command (domain.md §7) are matched exactly as they were before the intake's words existed.
 */
const registry = buildRegistry(commands);
const resident = { speaker: 'resident' as const, allowed: (c: Command) => c.audience === 'anyone' };
/** Every command is a member's here: the point is what the sentence is about. */
const member = { speaker: 'member' as const, allowed: (_c: Command) => true };
const understood = (text: string, asker: Asker) => {
  const decision = route(registry, normaliseText(text), asker);
  return decision.kind === 'run' || decision.kind === 'confirm' ? decision.command.id : decision.kind;
};

const PROBLEMS = [
  '5号楼2单元下水道又堵了 一楼都返水了',
  '我家顶楼墙皮往下掉 一下雨就渗水',
  '楼下烧烤店天天半夜吵 睡不着觉',
  '小区东门路灯坏了好几天了 晚上黑咕隆咚的',
  '8栋楼道有人拉电线给电瓶车充电 太危险了',
  '垃圾站三天没人清了 臭得很',
  '3号楼暖气不热 屋里才十四五度',
  '楼上装修 中午也在打钻',
  '这个井盖松了 在菜市场门口',
  '有人在绿化带里种菜 跟物业说了不管用',
  '我要投诉楼下饭店油烟',
  '反映个事 12号楼电梯坏了',
  '想反映一下 小区里狗叫扰民',
];

const OTHERS = [
  '昨天下午去3号楼王奶奶家走访了，她家水管漏了，已经跟物业说了',
  '上周五参加社区垃圾分类志愿服务，两个小时',
  '今天上午在党群服务中心值班 九点到十一点半',
  '我和老李礼拜六去看了困难户张大爷，送了一袋米一桶油',
  '前天党小组集中学习我参加了，一个半钟头',
  '帮网格员入户登记，搞了一上午',
  '记一下 十二月三号 巡河 三个小时',
  '我今天那个去社区帮忙打扫卫生了大概两个钟头吧',
  '上个礼拜三跟党小组去敬老院演节目 三个多小时',
  '本月主题党日参加了 在二楼会议室',
  '我这个月党费交了没有',
  '帮我查下党费 还欠几个月',
  '我退休金四千二 一个月该交多少',
  '退休工资涨了 党费要不要多交',
  '我闺女帮我交的三月份党费 收到没',
  '我在外地打工 党费能微信转给支部吗',
  '今年上半年的党费想一次交了 行不行',
  '去年十二月的补上了吗',
  '老王的党费是他儿子代交的 给登记一下',
  '党费收据在哪儿看',
  '下次学习是哪天',
  '这个月学习日几号',
  '礼拜几学习来着',
  '国庆放假 学习还开不开',
  '下回党课在哪上 几点',
  '主题党日改时间了没',
  '明天是不是要开会',
  '签到',
  '我到了',
  '已到会议室 签个到',
  '扫码签不上 帮我手动签一下',
  '帮我老伴也签一个 她也来了',
  '我在线上参加的 算签到吗',
  '请假 明天学习去不了 要去医院复查',
  '我腿脚不好 这周的会就不去了',
  '下周二在外地 请个假',
  '孙子发烧 今天下午来不了',
  '我在深圳上班回不去 这个月主题党日线上参加行不行',
  '老张住院了 让我帮他请个假',
  '上次没去的那个会 要补学吗',
  '今天走访了解居民投诉的问题 去了三户',
];

describe('recognising a problem in a free sentence', () => {
  it.each(PROBLEMS)('%s → complaint intake', (text) => {
    expect(understood(text, member)).toBe('complaint.report');
    // People we do not know may use the intake too.
    expect(understood(text, resident)).toBe('complaint.report');
  });

  it.each(OTHERS)('%s → not a complaint', (text) => {
    expect(understood(text, member)).not.toBe('complaint.report');
  });
});
