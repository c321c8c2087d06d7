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

/** Written apart from the corpus, to keep the lexicons general: other words for the same problems and deeds. */
describe('other ways people say it', () => {
  const complaints: Array<[string, string, boolean?]> = [
    ['我家厕所地漏往上返臭水', 'drain'],
    ['楼下污水管破了 臭水流得满地', 'drain'],
    ['小区主路上的雨水井堵了 一下雨就成河', 'drain'],
    ['楼上家里水龙头没关 水从我家房顶往下漏', 'leak'],
    ['卧室墙角渗水发黑 都长毛了', 'leak'],
    ['下雨天阳台往里渗水', 'leak'],
    ['今天一天都没来水 也没贴通知', 'water'],
    ['自来水有股铁锈味 烧开了还有沉淀', 'water'],
    ['楼上水压不够 洗澡只能等半夜', 'water'],
    ['暖气片冰凉 打了好几次热线了', 'heating'],
    ['家里才十二度 老伴都冻感冒了', 'heating'],
    ['暖气阀门拧不动 屋里一点都不热', 'heating'],
    ['小区北门那几盏路灯都不亮', 'lighting'],
    ['楼道里黑乎乎的 灯坏了没人换', 'lighting'],
    ['车库里的灯老是一闪一闪', 'lighting'],
    ['隔壁天天晚上打麻将到后半夜 哗啦哗啦的', 'noise'],
    ['楼下KTV天天唱到凌晨', 'noise'],
    ['工地晚上十一点还在施工 吵死了', 'noise'],
    ['垃圾桶旁边全是苍蝇 好几天没人收', 'sanitation'],
    ['楼道里堆满了别人家的破烂', 'sanitation'],
    ['小区里到处是小广告和垃圾', 'sanitation'],
    ['一楼住户在院子里盖了个彩钢棚子', 'illegal_build'],
    ['楼顶被人圈起来种菜养鸡', 'illegal_build'],
    ['有人把公共绿地占了盖车库', 'illegal_build'],
    ['楼下那条狗见人就叫 还咬过人', 'dogs'],
    ['遛狗的人不牵绳 孩子吓哭了', 'dogs'],
    ['狗在电梯里撒尿 主人也不管', 'dogs'],
    ['小区门口天天有车乱停 救护车都进不来', 'parking'],
    ['我的车位被别人占了', 'parking'],
    ['电动车把单元门口堵得严严实实', 'parking'],
    ['物业保安不管事 外面的人随便进出', 'property'],
    ['物业乱收费 还不给发票', 'property'],
    ['门禁卡刷不开 物业说要交五十块', 'property'],
    ['电梯困住人了 快来', 'safety', true],
    ['楼道里有煤气味 好冲', 'safety', true],
    ['三楼冒烟了 好像着火了', 'safety', true],
    ['楼下电线被车刮断了 地上噼里啪啦冒火花', 'safety', true],
    ['有人在楼道里用电动车电瓶充电', 'safety', false],
    ['楼顶护栏松了 很危险', 'safety', false],
    ['小区的井盖丢了一个 黑天容易掉进去', 'safety', false],
    ['我家卫生间马桶堵了', 'drain'],
    ['卫生间天花板往下渗水', 'leak'],
  ];
  it.each(complaints)('%s → %s', (text, category, urgent) => {
    expect(classify(text)).toBe(category);
    if (urgent !== undefined) expect(isUrgent(text)).toBe(urgent);
  });

  const activities: Array<[string, string]> = [
    ['上午去给独居的刘奶奶打扫屋子', 'volunteer'],
    ['昨天帮社区发放防疫物资', 'volunteer'],
    ['今天在路口当文明交通劝导员', 'volunteer'],
    ['给楼里的老人免费测血压', 'volunteer'],
    ['昨天带着孙子去社区捡白色垃圾', 'volunteer'],
    ['今天上午去看望住院的老支书', 'visit'],
    ['下午跟网格长入户走访低保户', 'visit'],
    ['给烈属家送去了慰问品', 'visit'],
    ['晚上在家学习党章一个小时', 'study'],
    ['参加了街道组织的党史专题讲座', 'study'],
    ['今天参加了支部的主题党日活动', 'meeting'],
    ['下午开了个支委扩大会', 'meeting'],
    ['昨天社区开的居民议事会我参加了', 'meeting'],
    ['晚上在广场跳了两个钟头的舞', 'culture'],
    ['参加社区的老年合唱比赛', 'culture'],
    ['上午在活动室唱了几段豫剧', 'culture'],
    ['今天下午在社区打了会儿乒乓球', 'culture'],
    ['晚上在值班室守了一宿', 'duty'],
    ['今天在门口卡点执勤 查验出入证', 'duty'],
    ['轮到我在党群服务中心值班', 'duty'],
    ['今天给灾区捐了五百块', 'other'],
  ];
  it.each(activities)('%s → %s', (text, type) => {
    expect(inferType(text)).toBe(type);
  });
});

/**
 * Kinds found on fresh messages (written apart from the corpus, none of them a corpus line): a shift told as
 * 坐了一班, meals brought as a service, gifts as a visit, 扫墓 as education, exercises and calligraphy as 文体;
 * building-site noise, handbills, a burst pipe, small injuries as a hazard; someone named still inside, a fire
 * only feared, a step crumbled rather than a collapse.
 */
describe('kinds the fresh messages showed', () => {
  it.each([
    ['昨天下午在社区服务站坐了一班', 'duty'],
    ['周六我替老刘上了一班 在门岗', 'duty'],
    ['这礼拜轮着我在便民服务点坐了半天班', 'duty'],
    ['中午给楼上瘫在床上的老周送饭 来回一个钟头', 'volunteer'],
    ['这礼拜天天去给独居的马奶奶送午饭', 'volunteer'],
    ['跟网格员挨家摸排独居老人情况', 'volunteer'],
    ['过节前给困难户送米送油', 'visit'],
    ['昨天去给残疾人家里送温暖', 'visit'],
    ['清明带着党员去烈士陵园祭扫', 'study'],
    ['上午去纪念馆缅怀先烈', 'study'],
    ['早上在公园跟着老姐妹们练八段锦', 'culture'],
    ['下午在老年大学练字 写了俩小时', 'culture'],
    ['周末在小区门口给居民免费磨剪子', 'volunteer'],
    ['昨晚跟着巡防队在楼群里巡了一圈', 'volunteer'],
    ['早上起来在单元门口铲了半个钟头雪', 'volunteer'],
    ['下午去给孤寡的赵奶奶拾掇了一下院子', 'volunteer'],
    ['晚上参加了小区党员议事 商量停车的事', 'meeting'],
    ['礼拜六在服务站坐了一整天班', 'duty'],
    ['跟着社工入户核对独居老人的信息', 'volunteer'],
    ['下午几个委员碰了个头 商量慰问名单', 'meeting'],
    ['晚上在传达室帮着看了俩钟头大门', 'duty'],
    ['上午去开了个楼长会 说供暖的事', 'meeting'],
  ])('activity %s → %s', (text, type) => {
    expect(parseActivity(text, NOW, TZ).type).toBe(type);
  });

  it('reads 昨兒個 in traditional characters as yesterday', () => {
    expect(parseActivity('昨兒個下午在黨群中心值班', NOW, TZ)).toMatchObject({
      type: 'duty',
      date: '2026-11-17',
    });
  });

  it.each([
    ['后面工地半夜还在打桩 咣咣的', 'noise'],
    ['旁边楼盘天天晚上用切割机 响到十二点', 'noise'],
    ['单元门上贴的全是小广告 撕了又贴', 'sanitation'],
    ['电梯里被人贴满了牛皮癣', 'sanitation'],
    ['小广场的滑梯断了 铁皮翘起来 小孩容易划伤', 'safety'],
    ['对门养了两条狗 楼道里全是狗毛 一开门就往外冲', 'dogs'],
    ['物业把楼前的草坪铲了改成停车场', 'parking'],
    ['厨房水管爆了 水哗哗的流', 'leak'],
    // the thing that is wrong outweighs the circumstance: a missing cover in the dark, a tree fallen on bikes
    ['后院那棵大杨树倒了 横在路上 电动车都过不去', 'safety'],
    ['东门口井盖没了 晚上黑咕隆咚的', 'safety'],
    ['三楼往上水流小得很 洗澡都费劲', 'water'],
    ['隔壁在楼顶搭了个阳光房', 'illegal_build'],
    ['厨房顶上一片湿 楼上洗衣机排水弄的', 'leak'],
    ['对门老人好几天没见着 敲门也没人开', 'safety'],
    ['楼梯拐角堆放了好多木板', 'safety'],
    ['后面菜地有人烧秸秆 烟大得呛人', 'sanitation'],
    ['院里那块空地被人砌上墙圈成菜园子了', 'illegal_build'],
    ['卫生间顶上老往下掉水珠子', 'leak'],
    ['北屋墙上渗出一片黄印子', 'leak'],
    ['三号楼电梯刚才掉了一层 吓死人了', 'safety'],
    ['楼下那只金毛老追着孩子扑', 'dogs'],
    ['二楼的在窗户外头焊了个铁笼子接出去一米多', 'illegal_build'],
    ['我们单元那个灯坏了半个月了', 'lighting'],
    ['楼上小孩半夜蹦跶 震得吊灯直晃', 'noise'],
    ['草坪上到处是外卖盒子 也没人收拾', 'sanitation'],
    ['一早起来一滴水也没有 饭都做不了', 'water'],
    ['厨房水池子的水下不去了', 'drain'],
    ['楼下的垃圾桶满了往外溢 好几天没拉', 'sanitation'],
    ['顶楼那家把楼道的公共窗户封死了', 'illegal_build'],
  ])('complaint %s → %s', (text, category) => {
    expect(classify(text)).toBe(category);
  });

  it.each([
    ['电梯停在九楼不动了 俺爸还在里头呢', true],
    ['电梯卡住了 孩子还关在里边', true],
    ['厨房插座冒烟了咋办啊', true],
    ['后墙塌下来了 砸着车了', true],
    ['楼道里全是电动车 起火谁负责', false],
    ['地下室堆了一堆木头 失火咋办', false],
    ['楼门口的台阶塌了一角 走路得绕着', false],
    ['钥匙还在里面 门锁上了', false],
    ['对门老人好几天没见着 敲门也没人开', true],
    ['电梯停半道了 里头还关着个老太太', true],
    ['厨房里有股液化气的味 呛得头晕', true],
    ['孩子的手被卡在电梯门缝里了', true],
    ['天然气表后面那截管子一直嘶嘶的', true],
  ])('%s → urgent %s', (text, urgent) => {
    expect(isUrgent(text)).toBe(urgent);
  });
});
