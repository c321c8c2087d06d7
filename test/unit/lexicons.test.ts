import { describe, expect, it } from 'vitest';
import { ACTIVITY_LEXICON, inferType, parseActivity } from '../../src/domain/activity.js';
import { CATEGORY_LEXICON, classify } from '../../src/domain/complaints/categories.js';
import { parseReport } from '../../src/domain/complaints/intake.js';
import { isUrgent } from '../../src/domain/complaints/urgency.js';
import activityData from '../../src/domain/lexicons/activity-types.json' with { type: 'json' };
import complaintData from '../../src/domain/lexicons/complaint-categories.json' with { type: 'json' };
import { buildLexicon } from '../../src/domain/lexicons/lexicon.js';

const TZ = 'Asia/Shanghai';
const NOW = new Date('2026-11-18T10:00:00+08:00'); // Wednesday

describe('the lexicon data', () => {
  it.each(Object.entries(complaintData.categories).flatMap(([c, e]) => e.examples.map((x) => [x, c])))(
    'complaint example %s → %s',
    (text, category) => {
      expect(classify(text)).toBe(category);
    },
  );

  it.each(Object.entries(activityData.categories).flatMap(([t, e]) => e.examples.map((x) => [x, t])))(
    'activity example %s → %s',
    (text, type) => {
      expect(inferType(text)).toBe(type);
    },
  );

  it('refuses a word claimed by two categories', () => {
    const data = {
      categories: {
        a: { words: ['卫生'], examples: [] },
        b: { words: ['卫生'], examples: [] },
      },
    };
    expect(() => buildLexicon(data, ['a', 'b'])).toThrow(/卫生/);
  });
});

describe('a word inside another word does not count', () => {
  it.each([
    ['卫生间漏水', 'leak'],
    ['衛生間滲水到樓下了', 'leak'],
    ['车库门口被电动车堵住了', 'parking'],
    ['楼梯间的灯拍手跺脚都不亮', 'lighting'],
    ['邻居家狗一叫叫一宿 根本没法睡', 'dogs'],
    ['消防通道上停满了车 真出事消防车都进不来', 'parking'],
  ])('%s → %s', (text, category) => {
    expect(classify(text)).toBe(category);
  });

  it('longest match takes 卫生间 whole, so 卫生 is not found in it', () => {
    expect(CATEGORY_LEXICON.hits('卫生间漏水').map((h) => [h.word, h.category])).toEqual([
      ['卫生间', null],
      ['漏水', 'leak'],
    ]);
    expect(ACTIVITY_LEXICON.hits('在服务中心守了一班').map((h) => h.word)).toEqual(['服务中心', '守了一班']);
  });
});

describe('danger under ordinary words', () => {
  it.each([
    ['电梯又把人关里面了', true],
    ['快来人 8号楼电梯卡在五楼和六楼中间了 里面有个老太太出不来', true],
    ['楼道里一股煤气味 特别冲', true],
    ['我家漏电 插座冒烟', true],
    ['刮风把电线刮断了耷拉在人行道上 有电', true],
    ['隔壁的房子塌了', true],
    // hazards that have not struck yet are 安全隐患, not emergencies
    ['楼道里好几家飞线充电 早晚出事', false],
    ['单元门口那块水泥盖板塌了个洞', false],
    ['楼道里有电动车充电', false],
    ['没有冒烟 就是有点响', false],
  ])('%s → urgent %s', (text, urgent) => {
    expect(isUrgent(text)).toBe(urgent);
  });

  it('files 「电梯又把人关里面了」 as urgent 安全', () => {
    expect(parseReport('电梯又把人关里面了')).toMatchObject({ category: 'safety', urgent: true });
  });
});

describe('activity types told as a story', () => {
  it.each([
    ['上午跟着网格员给八十岁以上的老人量血压 俩钟头', 'volunteer'],
    ['给社区老人做健康服务', 'volunteer'],
    ['昨儿在活动室给大伙儿唱了几段京剧', 'culture'],
    ['下午去老年公寓唱戏', 'culture'],
    ['晚上轮我在服务中心守了一班', 'duty'],
    ['上周开了党小组会', 'meeting'],
    ['记一下 上周六献血去了', 'other'],
    ['去了趟医院', null],
  ])('%s → %s', (text, type) => {
    expect(parseActivity(text, NOW, TZ).type).toBe(type);
  });
});

describe('descriptions keep no leftovers of the words read out', () => {
  it.each([
    ['我昨儿个下午在社区帮忙打扫卫生来着 干了俩钟头', '我下午在社区帮忙打扫卫生来着'],
    ['今天在小区门口帮着发宣传单 宣传了差不多两个小时', '在小区门口帮着发宣传单 宣传了'],
    ['昨晚上在家看了党课视频 看了一个半钟头', '在家看了党课视频 看了'],
  ])('%s → %s', (text, description) => {
    expect(parseActivity(text, NOW, TZ).description).toBe(description);
  });
});
