import { describe, expect, it } from 'vitest';
import type { Command } from '../../src/bot/command.js';
import { buildRegistry } from '../../src/bot/registry.js';
import { type Asker, route } from '../../src/bot/route.js';
import { commands } from '../../src/commands/index.js';
import { inferType } from '../../src/domain/activity.js';
import { classify } from '../../src/domain/complaints/categories.js';
import { isUrgent } from '../../src/domain/complaints/urgency.js';
import { parsePaymentCommand } from '../../src/domain/dues/payment-command.js';
import { parseMoveRequest } from '../../src/domain/study/requests.js';
import { normaliseText } from '../../src/domain/text/index.js';
import { features, namesNothing } from '../../src/nlu/features.js';

/**
 * Kinds of misreading found on fresh sentences, each fixed as a kind (a feature, a rule, a normalisation), and
 * proven here on sentences that are in no corpus file.
 */
const registry = buildRegistry(commands);
const officer: Asker = { speaker: 'officer', allowed: () => true };
const member: Asker = {
  speaker: 'member',
  allowed: (c: Command) => c.audience === 'anyone' || c.audience === 'registered',
};
const resident: Asker = { speaker: 'resident', allowed: (c: Command) => c.audience === 'anyone' };
const routed = (text: string, asker: Asker) => {
  const r = route(registry, normaliseText(text), asker);
  if (r.kind === 'run' || r.kind === 'confirm') return r.command.id;
  return r.kind === 'chat' ? r.intent : r.kind;
};

describe('a phone set to traditional script reads as simplified', () => {
  it.each([
    ['這個月黨費誰還沒交', officer, 'dues.arrears'],
    ['網格員的訴求統計', officer, 'complaint.stats'],
    ['後天學習我請個假', member, 'study.leave'],
    ['明天學習幾點開始', member, 'study.when'],
    ['衛生間天花板濕了', resident, 'complaint.report'],
  ] as const)('「%s」 is %s', (text, asker, id) => {
    expect(routed(text, asker)).toBe(id);
  });
});

describe('a trigger word gives way to what the whole sentence asks', () => {
  it('run on into the sentence, when the model finds another command far likelier', () => {
    expect(routed('党费那张收缴登记表给我导出来', officer)).toBe('export.dues-ledger');
  });
  it('set apart, only when the model is all but certain', () => {
    expect(routed('学习考勤 导成表格', officer)).toBe('export.attendance');
    expect(routed('党费 赵桂香 二十一块 现金', officer)).toBe('dues.pay');
    expect(routed('党费 本月', officer)).toBe('dues.status');
    expect(routed('考勤', member)).toBe('study.attendance');
  });
});

describe('a member asking about themself is not refused as asking about another member', () => {
  it.each(['俺是哪个支部的', '我的党小组是哪个', '我归哪个网格管'])('「%s」', (text) => {
    expect(routed(text, member)).toBe('member.info');
  });
  it.each(['查下李秀英住哪', '哪些人党费还没交'])(
    'while 「%s」, a question for officers, is still refused',
    (text) => {
      expect(routed(text, member)).toBe('refuse');
    },
  );
});

describe('a bare number or emoji names no command', () => {
  it.each(['123', '88', '[强][强]', '[OK]', '？？'])('「%s」 is nothing', (text) => {
    expect(namesNothing(text)).toBe(true);
    expect(routed(text, resident)).toBe('unclear');
  });
  it.each(['0153', '2026-0153', '20260153', '2026 0153'])('「%s」 is a complaint number', (text) => {
    expect(namesNothing(text)).toBe(false);
  });
  it('a complaint number alone still asks after the complaint', () => {
    expect(routed('2026-0153', resident)).toBe('complaint.progress');
  });
});

describe('what kind of thing is said counts, not the figure or the word', () => {
  const f = { segment: (t: string) => [t], pinyin: {} };
  const kinds = (text: string) => features(text, 'member', f).filter((x) => x.startsWith('x:'));
  it.each([
    ['替孙玉珍交了二十一块', 'x:money'],
    ['12月9号那次学习我去不了', 'x:day'],
    ['下礼拜二学习我请假', 'x:day'],
    ['在社区值了三个钟头班', 'x:duration'],
    ['帮着社区发了一下午传单', 'x:duration'],
    ['我这个月记了几次活动', 'x:myself'],
    ['大伙儿这个月活动搞了多少', 'x:everyone'],
    ['各党小组积分排一排', 'x:everyone'],
    ['[抱拳][抱拳]', 'x:emoji'],
  ])('「%s」 has %s', (text, kind) => {
    expect(kinds(text)).toContain(kind);
  });
  it.each([
    ['住5号楼3单元', 'x:day'],
    ['下午两点学习', 'x:duration'],
    ['我们支部活动多少', 'x:myself'],
  ])('「%s」 has no %s', (text, kind) => {
    expect(kinds(text)).not.toContain(kind);
  });
  it('an emoji code is no word: [强] is not the 强 of 加强', () => {
    expect(features('[强]', 'member', f)).not.toContain('c:强');
  });
  it.each([
    ['我今年积分多少', member, 'points.mine'],
    ['咱支部积分谁最高', officer, 'points.ranking'],
    ['我这个月活动记了几次', member, 'activity.mine'],
  ] as const)('「%s」 is %s', (text, asker, id) => {
    expect(routed(text, asker)).toBe(id);
  });
});

describe('words the slot readers lacked', () => {
  it('改在 moves a study day as 改到 does', () => {
    const now = new Date('2026-11-18T10:00:00+08:00');
    expect(parseMoveRequest('这周五的学习改在下周一', now, 'Asia/Shanghai')).toMatchObject({
      ok: true,
      value: { from: '2026-11-20', to: '2026-11-23' },
    });
  });
  it('小广告 is a sanitation problem; 打桩 is noise, and 天不亮 is no broken light', () => {
    expect(classify('单元门上贴的全是小广告 撕了又贴')).toBe('sanitation');
    expect(classify('后边盖楼的天不亮就开始打桩')).toBe('noise');
  });
  it('坐了一班 is a duty', () => {
    expect(inferType('昨天下午在社区服务站坐了一班')).toBe('duty');
  });
  it('someone still inside, or a cry for help, is urgent', () => {
    expect(isUrgent('电梯停在三楼不动了 老伴还在里边')).toBe(true);
    expect(isUrgent('楼道里有煤气味 快来人')).toBe(true);
    expect(isUrgent('钥匙锁在里面了')).toBe(false);
  });
  it('登记一下 before a payment is the command word, not the name', () => {
    const now = new Date('2026-11-18T10:00:00+08:00');
    expect(parsePaymentCommand('登记一下 郭淑芬 二十一块 微信', now, 'Asia/Shanghai')).toMatchObject({
      ok: true,
      value: { memberName: '郭淑芬', amount: { fen: 2100 } },
    });
  });
});
