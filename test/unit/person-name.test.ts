import { describe, expect, it } from 'vitest';
import { personNameIn } from '../../src/domain/text/person-name.js';

describe('a name where it stands in a free sentence', () => {
  it.each([
    ['王桂兰', '王桂兰'],
    ['刘志强电话多少', '刘志强'],
    ['王芳 电话', '王芳'],
    ['帮我查下孙晓东这个人', '孙晓东'],
    ['孙敏是不是预备党员', '孙敏'],
    ['徐凤英还在咱支部吗', '徐凤英'],
    ['杨卫东的个人信息', '杨卫东'],
    ['找一下唐晓东 我要他电话', '唐晓东'],
    ['査成员 宋娟', '宋娟'],
    ['丁保国在现场 手机落家了 补签', '丁保国'],
    ['给行动不便的王奶奶送学上门了', '王奶奶'],
    ['刘大爷到了没签上 帮他补一下', '刘大爷'],
    ['老范家送学去了', '老范'],
    ['趙秀英的檔案', '赵秀英'],
    // what is said about the person right after the name: their state, or 那/这 pointing back at them
    ['石桂英身体不好 今天上门给她补的课', '石桂英'],
    ['蔡树森卧床好几个月了 送学到家', '蔡树森'],
    ['丁保国这人哪年入的党', '丁保国'],
    ['魏淑珍那老太太住几号楼', '魏淑珍'],
    ['帮我查下唐永福啥时候转的正', '唐永福'],
    ['蔡秀兰上次学习来了没签上', '蔡秀兰'],
  ])('%s → %s', (text, name) => {
    expect(personNameIn(text)).toBe(name);
  });

  it('finds none where no one is named', () => {
    expect(personNameIn('老人家里没人 小区里转了一圈')).toBeNull();
    expect(personNameIn('帮我查一下')).toBeNull();
    expect(personNameIn('成员信息查一下')).toBeNull();
    expect(personNameIn('查党员的电话')).toBeNull();
    // a familiar form is built on a surname: 那老爷子, 老爷子 and 小伙子 name nobody
    expect(personNameIn('那老爷子的资料调一下')).toBeNull();
    expect(personNameIn('隔壁老爷子又来问了')).toBeNull();
  });
});
