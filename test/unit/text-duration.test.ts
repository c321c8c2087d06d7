import { describe, expect, it } from 'vitest';
import { parseDurationMinutes } from '../../src/domain/text/index.js';

describe('parseDurationMinutes', () => {
  it.each([
    { input: '2小时', minutes: 120, matched: '2小时' },
    { input: '２小时', minutes: 120, matched: '２小时' },
    { input: '1.5小时', minutes: 90, matched: '1.5小时' },
    { input: '俩小时', minutes: 120, matched: '俩小时' },
    { input: '仨钟头', minutes: 180, matched: '仨钟头' },
    { input: '两个小时', minutes: 120, matched: '两个小时' },
    { input: '两个钟头', minutes: 120, matched: '两个钟头' },
    { input: '两个多小时', minutes: 120, matched: '两个多小时' },
    { input: '一个半小时', minutes: 90, matched: '一个半小时' },
    { input: '一个半钟头', minutes: 90, matched: '一个半钟头' },
    { input: '两个半小时', minutes: 150, matched: '两个半小时' },
    { input: '个把钟头', minutes: 60, matched: '个把钟头' },
    { input: '个把小时', minutes: 60, matched: '个把小时' },
    { input: '半小时', minutes: 30, matched: '半小时' },
    { input: '半个钟头', minutes: 30, matched: '半个钟头' },
    { input: '一刻钟', minutes: 15, matched: '一刻钟' },
    { input: '90分钟', minutes: 90, matched: '90分钟' },
    { input: '四十五分钟', minutes: 45, matched: '四十五分钟' },
    { input: '十多分钟', minutes: 10, matched: '十多分钟' },
    { input: '帮着填表 忙了三个来钟头', minutes: 180, matched: '三个来钟头' },
    { input: '二十来分钟', minutes: 20, matched: '二十来分钟' },
    { input: '1小时30分钟', minutes: 90, matched: '1小时30分钟' },
    { input: '一个小时二十分钟', minutes: 80, matched: '一个小时二十分钟' },
    { input: '二十四小时', minutes: 1440, matched: '二十四小时' },
    { input: '半天', minutes: 240, matched: '半天' },
    { input: '一上午', minutes: 180, matched: '一上午' },
    { input: '一下午', minutes: 180, matched: '一下午' },
    { input: '一整天', minutes: 480, matched: '一整天' },
    { input: '整个下午都在', minutes: 180, matched: '整个下午' },
    { input: '一个晚上', minutes: 180, matched: '一个晚上' },
    { input: '两三个小时', minutes: 150, matched: '两三个小时' },
    { input: '一两个小时', minutes: 90, matched: '一两个小时' },
    { input: '三四个钟头', minutes: 210, matched: '三四个钟头' },
    { input: '2-3小时', minutes: 150, matched: '2-3小时' },
    { input: '两到三个小时', minutes: 150, matched: '两到三个小时' },
    { input: '九点到十一点半', minutes: 150, matched: '九点到十一点半' },
    { input: '9:00-11:30', minutes: 150, matched: '9:00-11:30' },
    { input: '９：００－１１：３０', minutes: 150, matched: '９：００－１１：３０' },
    { input: '上午九点到十一点', minutes: 120, matched: '上午九点到十一点' },
    { input: '下午两点到四点半', minutes: 150, matched: '下午两点到四点半' },
    { input: '14:00到16:00', minutes: 120, matched: '14:00到16:00' },
    { input: '九到十一点', minutes: 120, matched: '九到十一点' },
    { input: '十一点到一点', minutes: 120, matched: '十一点到一点' },
    { input: '晚上七点到九点', minutes: 120, matched: '晚上七点到九点' },
    { input: '中午十二点到一点半', minutes: 90, matched: '中午十二点到一点半' },
    { input: '九点一刻到十点', minutes: 45, matched: '九点一刻到十点' },
    { input: '九点十分到十点', minutes: 50, matched: '九点十分到十点' },
    { input: '大概两个钟头吧', minutes: 120, matched: '两个钟头' },
    { input: '搞了一上午 九点到十二点半', minutes: 210, matched: '九点到十二点半' },
  ])('$input → $minutes', ({ input, minutes, matched }) => {
    expect(parseDurationMinutes(input)).toEqual({ minutes, matched, index: input.indexOf(matched) });
  });

  it.each([
    { input: '上周五参加社区垃圾分类志愿服务，两个小时', minutes: 120, matched: '两个小时' },
    { input: '今天上午在党群服务中心值班 九点到十一点半', minutes: 150, matched: '九点到十一点半' },
    { input: '前天党小组集中学习我参加了，一个半钟头', minutes: 90, matched: '一个半钟头' },
    { input: '帮网格员入户登记，搞了一上午', minutes: 180, matched: '一上午' },
    { input: '记一下 十二月三号 巡河 三个小时', minutes: 180, matched: '三个小时' },
    { input: '我今天那个去社区帮忙打扫卫生了大概两个钟头吧', minutes: 120, matched: '两个钟头' },
    { input: '上个礼拜三跟党小组去敬老院演节目 三个多小时', minutes: 180, matched: '三个多小时' },
    { input: '昨天下午在活动室 两点到四点半 教大家用手机', minutes: 150, matched: '两点到四点半' },
  ])('domain §7: $input', ({ input, minutes, matched }) => {
    expect(parseDurationMinutes(input)).toEqual({ minutes, matched, index: input.indexOf(matched) });
  });

  it.each([
    '我不知道',
    '0小时',
    '零分钟',
    '25小时',
    '9:70-10:00',
    '9:00-9:00',
    '记一下',
    '昨天下午去3号楼王奶奶家走访了',
    '垃圾站三天没人清了 臭得很',
    '我家顶楼墙皮往下掉 一下雨就渗水',
    '孙子发烧 今天下午来不了',
    '周一上午在社区值班',
    '礼拜一下午开会',
    '25小时 其实是两个小时',
  ])('%s → undefined', (input) => {
    expect(parseDurationMinutes(input)).toBeUndefined();
  });
});
