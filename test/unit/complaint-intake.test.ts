import { describe, expect, it } from 'vitest';
import { type Category, categoryFromLabel, classify } from '../../src/domain/complaints/categories.js';
import { parseReport, sameAnswer } from '../../src/domain/complaints/intake.js';
import {
  buildingInLabel,
  extractLocation,
  findBuilding,
  parseBuildingName,
} from '../../src/domain/complaints/location.js';
import { withoutPhones } from '../../src/domain/complaints/phones.js';

/** The demo community's grid buildings (fixtures/demo/grids.csv) and a named one. */
const BUILDINGS = [
  ...Array.from({ length: 30 }, (_, i) => `${i + 1}号楼`),
  ...Array.from({ length: 5 }, (_, i) => `东区${i + 1}栋`),
  ...Array.from({ length: 4 }, (_, i) => `西区${i + 1}栋`),
  '综合楼',
];

/**
 * [sentence, category, grid building or null, unit or null, place in words or null, urgent]. Urgent is an
 * emergency (someone trapped, fire, gas, a live wire, flooding now), not a hazard still waiting (飞线充电). domain.md §7's
 * ten come first, then §4.4's typical wording and the ways people write a building.
 */
const PHRASINGS: Array<[string, Category, string | null, string | null, string | null, boolean]> = [
  ['5号楼2单元下水道又堵了 一楼都返水了', 'drain', '5号楼', '2单元', null, false],
  ['我家顶楼墙皮往下掉 一下雨就渗水', 'leak', null, null, null, false],
  ['楼下烧烤店天天半夜吵 睡不着觉', 'noise', null, null, null, false],
  ['小区东门路灯坏了好几天了 晚上黑咕隆咚的', 'lighting', null, null, '小区东门', false],
  ['8栋楼道有人拉电线给电瓶车充电 太危险了', 'safety', '8号楼', null, null, false],
  ['垃圾站三天没人清了 臭得很', 'sanitation', null, null, '垃圾站', false],
  ['3号楼暖气不热 屋里才十四五度', 'heating', '3号楼', null, null, false],
  ['楼上装修 中午也在打钻', 'noise', null, null, null, false],
  ['这个井盖松了 在菜市场门口', 'safety', null, null, '菜市场门口', false],
  ['有人在绿化带里种菜 跟物业说了不管用', 'illegal_build', null, null, '绿化带', false],
  ['12号楼下水井堵了 返脏水', 'drain', '12号楼', null, null, false],
  ['顶楼漏雨 墙皮脱落 7号楼3单元', 'leak', '7号楼', '3单元', null, false],
  ['五六楼上不去水 水压太小 11号楼', 'water', '11号楼', null, null, false],
  ['暖气不热 东区2栋1单元', 'heating', '东区2栋', '1单元', null, false],
  ['广场舞音响太大 吵得孩子没法写作业 小广场', 'noise', null, null, '小广场', false],
  ['物业不作为 单元门门禁坏了半个月 9号楼', 'property', '9号楼', null, null, false],
  ['垃圾三天没清运了 苍蝇乱飞 14号楼', 'sanitation', '14号楼', null, null, false],
  ['路灯不亮 西区4栋门口', 'lighting', '西区4栋', null, null, false],
  ['有人私搭乱建 在15号楼后面盖了个棚子', 'illegal_build', '15号楼', null, null, false],
  ['饭店排烟 油烟味太大 20号楼', 'sanitation', '20号楼', null, null, false],
  ['楼道拉线充电瓶车 16号楼2单元', 'safety', '16号楼', '2单元', null, false],
  ['遛狗不拴绳 还随地大小便 21号楼', 'dogs', '21号楼', null, null, false],
  ['小区里乱停车 挡道 救护车都进不来 22号楼', 'parking', '22号楼', null, null, false],
  ['五号楼三单元电梯坏了', 'property', '5号楼', '3单元', null, false],
  ['十二号楼一单元楼道灯坏了', 'lighting', '12号楼', '1单元', null, false],
  ['3幢1单元402卫生间漏水', 'leak', '3号楼', '1单元', null, false],
  ['5-2-301 停水了', 'water', '5号楼', '2单元', null, false],
  ['东区3栋2单元楼道灯不亮', 'lighting', '东区3栋', '2单元', null, false],
  ['西区三栋 乱停车 堵住消防通道', 'parking', '西区3栋', null, null, false],
  ['燃气味道很大 6号楼1单元', 'safety', '6号楼', '1单元', null, true],
  ['12号楼 楼道有人飞线充电', 'safety', '12号楼', null, null, false],
  ['我们小区5号楼门口有人遛狗不拴绳', 'dogs', '5号楼', null, null, false],
  ['6号2单元下水道不通', 'drain', '6号楼', '2单元', null, false],
  ['综合楼一楼厕所马桶堵了', 'drain', '综合楼', null, null, false],
  ['１０号楼　２单元　暖气不热', 'heating', '10号楼', '2单元', null, false],
  ['东区五栋外墙裂缝 掉东西下来砸到车了', 'safety', '东区5栋', null, null, false],
  ['13号楼电梯困人了 有人被困在里面', 'safety', '13号楼', null, null, true],
  ['楼上天天半夜拖椅子 噪音扰民', 'noise', null, null, null, false],
  ['小区北门口垃圾桶满了没人管', 'sanitation', null, null, '小区北门口', false],
  ['17号楼地下车库积水 排水不畅', 'drain', '17号楼', null, '', false],
  ['99号楼下水道堵了', 'drain', null, null, null, false],
  ['孩子被狗咬了 那条狗经常在18号楼附近', 'dogs', '18号楼', null, null, false],
  ['停车场有僵尸车 占车位一年多了', 'parking', null, null, '停车场', false],
  ['我家漏电 插座冒烟', 'safety', null, null, null, true],
];

describe('complaint phrasings: category, place and urgency', () => {
  it('covers at least 40 phrasings', () => expect(PHRASINGS.length).toBeGreaterThanOrEqual(40));

  it.each(PHRASINGS)('%s', (text, category, building, unit, place, urgent) => {
    const draft = parseReport(text)!;
    expect(draft.category).toBe(category);
    expect(draft.urgent).toBe(urgent);
    expect(findBuilding(draft.location.building, text, BUILDINGS)).toBe(building);
    expect(draft.location.unit).toBe(unit);
    if (place) expect(draft.location.place).toBe(place);
  });
});

describe('location', () => {
  it('reads a room after the unit, and keeps the building as written', () => {
    expect(extractLocation('3幢1单元402卫生间漏水')).toMatchObject({
      building: { area: '', number: '3', text: '3幢1单元' },
      unit: '1单元',
      room: '402',
    });
  });

  it('does not take a floor or a date for a building', () => {
    expect(extractLocation('一楼都返水了').building).toBeNull();
    expect(extractLocation('我家住5楼 11月5号开始漏水').building).toBeNull();
  });

  it('prefers the answer to 「地点：」 over other words', () => {
    expect(extractLocation('路灯坏了 地点： 小区东门')).toMatchObject({ building: null, place: '小区东门' });
    expect(extractLocation('楼道灯坏了 地点： 5号楼2单元').building?.number).toBe('5');
  });

  it('notices a sentence about the reporter’s own home', () => {
    expect(extractLocation('我家顶楼漏雨').atHome).toBe(true);
    expect(extractLocation('垃圾站没人清').atHome).toBe(false);
  });

  it('matches grid spellings by area and number, and refuses to guess between areas', () => {
    expect(parseBuildingName('东区12幢')).toMatchObject({ area: '东区', number: '12' });
    expect(parseBuildingName('综合楼')).toBeNull();
    const areasOnly = ['东区3栋', '西区3栋'];
    expect(findBuilding(extractLocation('3栋漏水').building, '3栋漏水', areasOnly)).toBeNull();
    expect(findBuilding(extractLocation('3栋漏水').building, '3栋漏水', ['东区3栋'])).toBe('东区3栋');
    expect(findBuilding(extractLocation('东区3栋').building, '东区3栋', ['3号楼', '东区3栋'])).toBe(
      '东区3栋',
    );
  });

  it.each([
    ['北京市朝阳区幸福里社区5号楼', '5号楼', null],
    ['北京市朝阳区幸福里小区12号楼3单元', '12号楼', '3单元'],
    ['幸福里社区东区2栋', '东区2栋', null],
    ['朝阳区幸福里社区综合楼', '综合楼', null],
  ])('finds the grid building a location label names: %s', (label, building, unit) => {
    expect(buildingInLabel(label, BUILDINGS)).toEqual({ building, unit, room: null });
  });

  it.each(['幸福里菜市场北口', '北京市朝阳区幸福里社区', '北京市朝阳区幸福里社区99号楼', '朝阳区建国路88号'])(
    'finds no grid building in %s',
    (label) => {
      expect(buildingInLabel(label, BUILDINGS)).toBeNull();
    },
  );
});

describe('the report', () => {
  it('keeps a typed phone number out of the description', () => {
    const draft = parseReport('反映 5号楼下水道堵了 电话13912345678')!;
    expect(draft.phone).toBe('13912345678');
    expect(draft.description).not.toContain('13912345678');
    expect(draft.description).toBe('5号楼下水道堵了');
  });

  it('keeps every phone number out, however written, and the first mobile as the contact', () => {
    const draft = parseReport(
      '7号楼楼道灯坏了 我电话138 0000 1234 物业手机：139-1111-2222 座机010-87654321 保安室 8765 4321',
    )!;
    expect(draft.phone).toBe('13800001234');
    expect(draft.description).toBe('7号楼楼道灯坏了 我 物业 座机 保安室');
    expect(draft.location.building?.text).toBe('7号楼');
  });

  it('leaves ticket numbers, rooms and 5-2-301 alone', () => {
    expect(withoutPhones('与2026-0153同一问题 5-2-301 室温14度')).toBe(
      '与2026-0153同一问题 5-2-301 室温14度',
    );
  });

  it('asks (null) when there is nothing to act on', () => {
    expect(parseReport('')).toBeNull();
    expect(parseReport('我要反映一下')).toBeNull();
  });

  it('classifies nothing it knows as 其他, and reads category labels', () => {
    expect(classify('想问问社保怎么办')).toBe('other');
    expect(categoryFromLabel('下水道堵塞')).toBe('drain');
    expect(categoryFromLabel('噪声')).toBe('noise');
    expect(categoryFromLabel('')).toBeUndefined();
  });

  it('reads the answer to 「是同一个问题吗」', () => {
    expect(sameAnswer('下水道堵了 同一问题： 是的')).toEqual({ report: '下水道堵了', same: true });
    expect(sameAnswer('下水道堵了 同一问题： 不是')).toEqual({ report: '下水道堵了', same: false });
    expect(sameAnswer('下水道堵了 同一问题： 啥')).toEqual({ report: '下水道堵了', same: null });
    expect(sameAnswer('下水道堵了 同一问题： 啥 对')).toMatchObject({ same: true });
    expect(sameAnswer('下水道堵了')).toEqual({ report: '下水道堵了', same: undefined });
  });
});
