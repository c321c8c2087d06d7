import { describe, expect, it } from 'vitest';
import {
  activityProblem,
  formatDay,
  formatMinutes,
  inferType,
  parseActivity,
} from '../../src/domain/activity.js';

const TZ = 'Asia/Shanghai';
const MONDAY = new Date('2026-11-23T10:00:00+08:00'); // Monday 23 November 2026

/** [text, type, date, minutes] — domain.md §7 first, then colloquial, elderly and voice-to-text styles. */
const CASES: Array<[string, string | null, string, number | null]> = [
  ['昨天下午去3号楼王奶奶家走访了，她家水管漏了，已经跟物业说了', 'visit', '2026-11-22', null],
  ['上周五参加社区垃圾分类志愿服务，两个小时', 'volunteer', '2026-11-20', 120],
  ['今天上午在党群服务中心值班 九点到十一点半', 'duty', '2026-11-23', 150],
  ['我和老李礼拜六去看了困难户张大爷，送了一袋米一桶油', 'visit', '2026-11-21', null],
  ['前天党小组集中学习我参加了，一个半钟头', 'study', '2026-11-21', 90],
  ['帮网格员入户登记，搞了一上午', 'volunteer', '2026-11-23', 180],
  ['我今天那个去社区帮忙打扫卫生了大概两个钟头吧', 'volunteer', '2026-11-23', 120],
  ['上个礼拜三跟党小组去敬老院演节目 三个多小时', 'culture', '2026-11-18', 180],
  ['本月主题党日参加了 在二楼会议室', 'meeting', '2026-11-23', null],
  ['昨儿去看望了孤寡老人刘大爷', 'visit', '2026-11-22', null],
  ['前天下午在小区门口值班两小时', 'duty', '2026-11-21', 120],
  ['今天参加了党课学习', 'study', '2026-11-23', null],
  ['上午去社区图书馆读书一个小时', 'study', '2026-11-23', 60],
  ['11月20日参加义务植树 3小时', 'volunteer', '2026-11-20', 180],
  ['11.18 巡逻 两个半小时', 'volunteer', '2026-11-18', 150],
  ['周六跟老伴一起去慰问困难党员', 'visit', '2026-11-21', null],
  ['大前天在党群服务中心开会', 'meeting', '2026-11-20', null],
  ['昨天晚上参加社区合唱排练两个小时', 'culture', '2026-11-22', 120],
  ['今天在居委会执勤 9:00-11:00', 'duty', '2026-11-23', 120],
  ['2026-11-15 参加支委会', 'meeting', '2026-11-15', null],
  ['参加了垃圾分类宣传 两个钟头', 'volunteer', '2026-11-23', 120],
  ['嗯那个昨天去帮王阿姨家打扫卫生了', 'volunteer', '2026-11-22', null],
  ['这周一在门岗站岗半天', 'duty', '2026-11-23', 240],
  ['20号去敬老院义诊', 'volunteer', '2026-11-20', null],
  ['昨天参加了民主评议', 'meeting', '2026-11-22', null],
  ['前儿个给楼里老人理发 一个多小时', 'volunteer', '2026-11-21', 60],
  ['上礼拜五观看了党史教育片', 'study', '2026-11-20', null],
  ['今天下午两点到四点半在活动室值班', 'duty', '2026-11-23', 150],
  ['十一月十九号走访了三户困难家庭', 'visit', '2026-11-19', null],
  ['上周六社区运动会当裁判四个小时', 'culture', '2026-11-21', 240],
  ['昨天清扫楼道 一个半小时', 'volunteer', '2026-11-22', 90],
  ['记录活动 今天学习二十届四中全会精神 一个小时', 'study', '2026-11-23', 60],
  ['我参加了党员大会', 'meeting', '2026-11-23', null],
  ['今天巡河两小时', 'volunteer', '2026-11-23', 120],
  ['昨天广场舞比赛', 'culture', '2026-11-22', null],
  ['今天去社区帮忙包饺子慰问孤寡老人两个小时', 'visit', '2026-11-23', 120],
  ['上周三 去社区卫生服务站做志愿者 3个小时', 'volunteer', '2026-11-18', 180],
  ['帮我记一下 今天 值班', 'duty', '2026-11-23', null],
  ['昨天去探望生病的老党员 半小时', 'visit', '2026-11-22', 30],
  ['今儿个在社区做义务讲解员两个钟头', 'volunteer', '2026-11-23', 120],
  ['上周日组织居民看电影', null, '2026-11-22', null],
  ['去了趟医院', null, '2026-11-23', null],
];

describe('parseActivity', () => {
  it.each(CASES)('%s', (text, type, date, minutes) => {
    const draft = parseActivity(text, MONDAY, TZ);
    expect({ type: draft.type, date: draft.date, minutes: draft.minutes }).toEqual({ type, date, minutes });
    expect(draft.description.length).toBeGreaterThan(0);
  });

  it('keeps what was done in the description, without the date and the duration', () => {
    const draft = parseActivity('上周五参加社区垃圾分类志愿服务，两个小时', MONDAY, TZ);
    expect(draft.description).toBe('参加社区垃圾分类志愿服务');
  });

  it('says when it assumed today', () => {
    expect(parseActivity('参加了垃圾分类宣传', MONDAY, TZ).dateAssumed).toBe(true);
    expect(parseActivity('昨天参加了垃圾分类宣传', MONDAY, TZ).dateAssumed).toBe(false);
  });

  it('finds companions by name and the place', () => {
    const draft = parseActivity('我和老李礼拜六去看了困难户张大爷', MONDAY, TZ);
    expect(draft.companions).toEqual(['老李']);
    expect(parseActivity('今天在党群服务中心值班', MONDAY, TZ).place).toBe('党群服务中心');
  });
});

describe('inferType', () => {
  it('prefers the more specific kind', () => {
    expect(inferType('跟党小组去敬老院演节目')).toBe('culture');
    expect(inferType('主题党日集中学习')).toBe('meeting');
  });
});

describe('activityProblem', () => {
  it.each([
    [{ date: '2026-11-24', minutes: 60 }, 0, /还没到/],
    [{ date: '2026-09-23', minutes: 60 }, 0, /60天以内/],
    [{ date: '2026-11-23', minutes: 300 }, 20 * 60, /超过24小时/],
  ] as const)('refuses %o (already %i minutes that day)', (draft, already, reason) => {
    expect(activityProblem(draft, MONDAY, TZ, already)).toMatch(reason);
  });

  it('accepts the oldest allowed day and a full day', () => {
    expect(activityProblem({ date: '2026-09-24', minutes: 60 }, MONDAY, TZ)).toBeNull();
    expect(activityProblem({ date: '2026-11-23', minutes: 24 * 60 }, MONDAY, TZ)).toBeNull();
    expect(activityProblem({ date: '2026-11-23', minutes: null }, MONDAY, TZ)).toBeNull();
  });
});

describe('formatting', () => {
  it('writes days with the weekday and hours as people say them', () => {
    expect(formatDay('2026-11-20')).toBe('11月20日（周五）');
    expect(formatDay('2026-11-23')).toBe('11月23日（周一）');
    expect([
      formatMinutes(120),
      formatMinutes(90),
      formatMinutes(45),
      formatMinutes(100),
      formatMinutes(null),
    ]).toEqual(['2小时', '1.5小时', '45分钟', '1小时40分钟', '未填时长']);
  });
});
