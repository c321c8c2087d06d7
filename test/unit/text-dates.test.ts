import { describe, expect, it } from 'vitest';
import { parseDate } from '../../src/domain/text/index.js';

const ZONE = 'Asia/Shanghai';
/** A Monday. */
const NOW = new Date('2026-11-23T10:00:00+08:00');

describe('parseDate at Monday 2026-11-23 (Shanghai)', () => {
  it.each([
    { input: '今天', date: '2026-11-23' },
    { input: '今儿', date: '2026-11-23' },
    { input: '今儿个', date: '2026-11-23', matched: '今儿个' },
    { input: '昨儿个', date: '2026-11-22', matched: '昨儿个' },
    { input: '昨晚上', date: '2026-11-22', matched: '昨晚上' },
    { input: '昨天', date: '2026-11-22' },
    { input: '昨儿', date: '2026-11-22' },
    { input: '前天', date: '2026-11-21' },
    { input: '前儿', date: '2026-11-21' },
    { input: '大前天', date: '2026-11-20' },
    { input: '明天', date: '2026-11-24' },
    { input: '后天', date: '2026-11-25' },
    { input: '上周五', date: '2026-11-20' },
    { input: '上礼拜五', date: '2026-11-20' },
    { input: '上星期五', date: '2026-11-20' },
    { input: '上个礼拜三', date: '2026-11-18' },
    { input: '上周日', date: '2026-11-22' },
    { input: '上上周五', date: '2026-11-13' },
    { input: '这周六', date: '2026-11-28' },
    { input: '本周六', date: '2026-11-28' },
    { input: '这个礼拜天', date: '2026-11-29' },
    { input: '下周二', date: '2026-12-01' },
    { input: '礼拜六', date: '2026-11-21' },
    { input: '周三', date: '2026-11-18' },
    { input: '星期一', date: '2026-11-23' },
    { input: '周日', date: '2026-11-22' },
    { input: '11月20日', date: '2026-11-20' },
    { input: '11月20号', date: '2026-11-20' },
    { input: '11月20', date: '2026-11-20' },
    { input: '十一月二十号', date: '2026-11-20' },
    { input: '１１月２０日', date: '2026-11-20' },
    { input: '11.20', date: '2026-11-20' },
    { input: '11/20', date: '2026-11-20' },
    { input: '20号', date: '2026-11-20' },
    { input: '二十号', date: '2026-11-20' },
    { input: '24号', date: '2026-11-24' },
    { input: '25号', date: '2026-10-25' },
    { input: '31号', date: '2026-10-31' },
    { input: '十二月三号', date: '2025-12-03' },
    { input: '11月24日', date: '2026-11-24' },
    { input: '11月25日', date: '2025-11-25' },
    { input: '2026-11-20', date: '2026-11-20' },
    { input: '2026年11月20日', date: '2026-11-20' },
    { input: '2026.11.20', date: '2026-11-20' },
    { input: '2026/1/5', date: '2026-01-05' },
    { input: '二〇二六年十一月二十日', date: '2026-11-20' },
    { input: '２０２６年１２月３日', date: '2026-12-03' },
    { input: '去年11月20日', date: '2025-11-20' },
    { input: '今年12月3日', date: '2026-12-03' },
    { input: '上个月20号', date: '2026-10-20' },
    { input: '这个月5号', date: '2026-11-05' },
  ])('$input → $date', ({ input, date, matched = input }) => {
    expect(parseDate(input, NOW, ZONE)).toEqual({ date, matched, index: input.indexOf(matched) });
  });

  it.each([
    { input: '昨天下午去3号楼王奶奶家走访了，她家水管漏了', date: '2026-11-22', matched: '昨天' },
    { input: '上周五参加社区垃圾分类志愿服务，两个小时', date: '2026-11-20', matched: '上周五' },
    { input: '今天上午在党群服务中心值班 九点到十一点半', date: '2026-11-23', matched: '今天' },
    { input: '我和老李礼拜六去看了困难户张大爷', date: '2026-11-21', matched: '礼拜六' },
    { input: '前天党小组集中学习我参加了，一个半钟头', date: '2026-11-21', matched: '前天' },
    { input: '我今天那个去社区帮忙打扫卫生了大概两个钟头吧', date: '2026-11-23', matched: '今天' },
    { input: '上个礼拜三跟党小组去敬老院演节目 三个多小时', date: '2026-11-18', matched: '上个礼拜三' },
    { input: '明天是不是要开会', date: '2026-11-24', matched: '明天' },
    { input: '请假 明天学习去不了 要去医院复查', date: '2026-11-24', matched: '明天' },
    { input: '下周二在外地 请个假', date: '2026-12-01', matched: '下周二' },
    { input: '孙子发烧 今天下午来不了', date: '2026-11-23', matched: '今天' },
  ])('domain §7: $input', ({ input, date, matched }) => {
    expect(parseDate(input, NOW, ZONE)).toEqual({ date, matched, index: input.indexOf(matched) });
  });

  it.each([
    '我不知道',
    '3号楼',
    '5号楼2单元下水道又堵了',
    '十二月三',
    '1.5小时',
    '15.5元',
    '每周三学习',
    '之前儿子帮我交的',
    '本月主题党日参加了 在二楼会议室',
    '这个月学习日几号',
    '我腿脚不好 这周的会就不去了',
  ])('%s → undefined', (input) => {
    expect(parseDate(input, NOW, ZONE)).toBeUndefined();
  });

  it.each([
    ['2月30日', '2月30日'],
    ['2月30日 不对 是昨天', '2月30日'], // the first date wins: asked, not replaced by a later one
    ['2月29日', '2月29日'],
    ['13月1日', '13月1日'],
    ['2026-13-01', '2026-13-01'],
    ['2026-02-30 去医院', '2026-02-30'],
  ])('%s: a date the calendar does not have is said so', (input, shown) => {
    expect(() => parseDate(input, NOW, ZONE)).toThrow(`日历上没有「${shown}」这一天，请核对日期后再发。`);
  });
});

describe('parseDate at other moments', () => {
  it.each([
    { input: '今天', now: '2026-11-23T15:30:00Z', zone: ZONE, date: '2026-11-23' },
    { input: '昨天', now: '2026-11-23T16:10:00Z', zone: ZONE, date: '2026-11-23' },
    { input: '今天', now: '2026-11-23T16:10:00Z', zone: ZONE, date: '2026-11-24' },
    { input: '今天', now: '2026-11-23T16:10:00Z', zone: 'UTC', date: '2026-11-23' },
    { input: '12月30日', now: '2026-01-05T10:00:00+08:00', zone: ZONE, date: '2025-12-30' },
    {
      input: '记一下 十二月三号 巡河 三个小时',
      now: '2026-12-05T10:00:00+08:00',
      zone: ZONE,
      date: '2026-12-03',
    },
    { input: '1月1日', now: '2026-12-31T10:00:00+08:00', zone: ZONE, date: '2027-01-01' },
    { input: '31号', now: '2026-03-01T10:00:00+08:00', zone: ZONE, date: '2026-01-31' },
    { input: '上周五', now: '2026-11-29T20:00:00+08:00', zone: ZONE, date: '2026-11-20' },
    { input: '2月29日', now: '2028-03-01T10:00:00+08:00', zone: ZONE, date: '2028-02-29' },
  ])('$input at $now in $zone → $date', ({ input, now, zone, date }) => {
    expect(parseDate(input, new Date(now), zone)?.date).toBe(date);
  });

  it('an unknown time zone is an error, not a guess', () => {
    expect(() => parseDate('今天', NOW, 'Mars/Olympus')).toThrow(RangeError);
  });
});

describe('parseDate preferring the future (plans such as study days), at Monday 2026-11-23', () => {
  const future = (input: string, now = NOW) => parseDate(input, now, ZONE, { prefer: 'future' })?.date;

  it.each([
    { input: '周三', date: '2026-11-25' },
    { input: '星期一', date: '2026-11-23' },
    { input: '礼拜天', date: '2026-11-29' },
    { input: '上周五', date: '2026-11-20' },
    { input: '下周二', date: '2026-12-01' },
    { input: '25号', date: '2026-11-25' },
    { input: '20号', date: '2026-12-20' },
    { input: '23号', date: '2026-11-23' },
    { input: '11月20日', date: '2027-11-20' },
    { input: '12月3日', date: '2026-12-03' },
    { input: '1月10日', date: '2027-01-10' },
    { input: '12.10', date: '2026-12-10' },
    { input: '昨天', date: '2026-11-22' },
    { input: '去年11月20日', date: '2025-11-20' },
    { input: '2026-11-20', date: '2026-11-20' },
  ])('$input → $date', ({ input, date }) => {
    expect(future(input)).toBe(date);
  });

  it('a 31st skips the months without one', () => {
    expect(future('31号', new Date('2027-02-05T10:00:00+08:00'))).toBe('2027-03-31');
    expect(future('31号', new Date('2026-11-05T10:00:00+08:00'))).toBe('2026-12-31');
  });

  it('2月29日 is next year only when next year has one', () => {
    expect(future('2月29日', new Date('2027-03-01T10:00:00+08:00'))).toBe('2028-02-29');
    expect(() => future('2月29日', new Date('2026-03-01T10:00:00+08:00'))).toThrow(/没有「2月29日」/);
  });
});
