import { describe, expect, it } from 'vitest';
import { foldWidth, normaliseText, ownWords, stripFillers } from '../../src/domain/text/index.js';

describe('normaliseText', () => {
  it.each([
    { input: 'ＡＢＣ１２３', expected: 'ABC123' },
    { input: '２小时，好！', expected: '2小时,好!' },
    { input: '时间：（上午）？', expected: '时间:(上午)?' },
    { input: '　今天　　值班  ', expected: '今天 值班' },
    { input: '第一行\n\t第二行', expected: '第一行 第二行' },
    { input: '二〇二六年', expected: '二零二六年' },
    { input: '二○二六年', expected: '二零二六年' },
    { input: '○ 不是数字', expected: '○ 不是数字' },
    { input: '好的。收到、谢谢“书记”', expected: '好的。收到、谢谢“书记”' },
    { input: '１１月２０日', expected: '11月20日' },
    // A phone set to traditional script: the everyday words of every command, not just 黨費.
    { input: '網格員的訴求統計', expected: '网格员的诉求统计' },
    { input: '後天學習我請個假 在醫院複查', expected: '后天学习我请个假 在医院复查' },
    { input: '樓上漏水 衛生間天花板濕了', expected: '楼上漏水 卫生间天花板湿了' },
    { input: '我的積分排第幾', expected: '我的积分排第几' },
  ])('$input → $expected', ({ input, expected }) => {
    expect(normaliseText(input)).toBe(expected);
  });
});

describe('foldWidth keeps offsets', () => {
  it.each(['　２小时　', '二〇二六年１１月', 'ＡＢＣ，ｄｅｆ'])('%s', (input) => {
    expect(foldWidth(input)).toHaveLength(input.length);
  });
});

describe('stripFillers', () => {
  it.each([
    {
      input: '我今天那个去社区帮忙打扫卫生了大概两个钟头吧',
      expected: '我今天去社区帮忙打扫卫生了大概两个钟头吧',
    },
    { input: '嗯 那个 我想请个假', expected: '我想请个假' },
    { input: '呃那个那个明天我去不了啊', expected: '明天我去不了' },
    { input: '然后 那个 就是 我去了，然后帮忙扫地', expected: '我去了,帮忙扫地' },
    { input: '嗯，签到', expected: '签到' },
    { input: '上次没去的那个会 要补学吗', expected: '上次没去的那个会 要补学吗' },
    { input: '吃完饭然后去社区', expected: '吃完饭然后去社区' },
    { input: '这就是我家', expected: '这就是我家' },
  ])('$input → $expected', ({ input, expected }) => {
    expect(stripFillers(input)).toBe(expected);
  });
});

describe('ownWords', () => {
  it('gives back the person’s own characters for a piece of the folded text', () => {
    const typed = '反映  6号楼楼道堆满了纸箱子，谁能管管？消防通道都堵了！';
    const folded = normaliseText(typed);
    expect(folded).toContain('谁能管管?消防通道都堵了!');
    expect(ownWords('6号楼楼道堆满了纸箱子,谁能管管?消防通道都堵了!', typed)).toBe(
      '6号楼楼道堆满了纸箱子，谁能管管？消防通道都堵了！',
    );
  });

  it('keeps full-width digits and traditional characters as typed, and words the parser added as they are', () => {
    expect(ownWords('党费交到11月了吗 (补)', '黨費交到１１月了嗎')).toBe('黨費交到１１月了嗎 (补)');
  });

  it('changes nothing when nothing was folded', () => {
    expect(ownWords('三楼也有', '补充 2026-0001 三楼也有')).toBe('三楼也有');
  });
});
