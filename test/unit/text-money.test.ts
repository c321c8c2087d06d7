import { describe, expect, it } from 'vitest';
import { parseMoneyFen } from '../../src/domain/text/index.js';

describe('parseMoneyFen with a unit or a currency sign', () => {
  it.each([
    { input: '30元', fen: 3000, matched: '30元' },
    { input: '30 元', fen: 3000, matched: '30 元' },
    { input: '三十块', fen: 3000, matched: '三十块' },
    { input: '三十块钱', fen: 3000, matched: '三十块钱' },
    { input: '15块5', fen: 1550, matched: '15块5' },
    { input: '15.5元', fen: 1550, matched: '15.5元' },
    { input: '两毛', fen: 20, matched: '两毛' },
    { input: '两毛钱', fen: 20, matched: '两毛钱' },
    { input: '五角', fen: 50, matched: '五角' },
    { input: '两毛五', fen: 25, matched: '两毛五' },
    { input: '一块二', fen: 120, matched: '一块二' },
    { input: '一块二毛五', fen: 125, matched: '一块二毛五' },
    { input: '两块半', fen: 250, matched: '两块半' },
    { input: '一块零五', fen: 105, matched: '一块零五' },
    { input: '3元5角2分', fen: 352, matched: '3元5角2分' },
    { input: '3元5分', fen: 305, matched: '3元5分' },
    { input: '五分钱', fen: 5, matched: '五分钱' },
    { input: '一百二元', fen: 12000, matched: '一百二元' },
    { input: '一百零五块', fen: 10500, matched: '一百零五块' },
    { input: '四千二百元', fen: 420000, matched: '四千二百元' },
    { input: '￥20', fen: 2000, matched: '￥20' },
    { input: '¥ 20.00', fen: 2000, matched: '¥ 20.00' },
    { input: '20.00元', fen: 2000, matched: '20.00元' },
    { input: '1,000元', fen: 100000, matched: '1,000元' },
    { input: '0.1元', fen: 10, matched: '0.1元' },
    { input: '15.55元', fen: 1555, matched: '15.55元' },
    { input: '０.１元', fen: 10, matched: '０.１元' },
    { input: '１，０００元', fen: 100000, matched: '１，０００元' },
    { input: '３０元', fen: 3000, matched: '３０元' },
    { input: '这个月党费交了30元', fen: 3000, matched: '30元' },
    { input: '交了党费，三十块 收据呢', fen: 3000, matched: '三十块' },
    { input: '交了三十块的党费', fen: 3000, matched: '三十块' },
    { input: '15块5号楼', fen: 1500, matched: '15块' },
    { input: '交了三十块零五毛', fen: 3050, matched: '三十块零五毛' },
  ])('$input → $fen fen', ({ input, fen, matched }) => {
    expect(parseMoneyFen(input)).toEqual({ fen, matched, index: input.indexOf(matched) });
  });

  it.each([
    '我不知道',
    '-5元',
    '负5元',
    '0元',
    '15.555元',
    '一百二',
    '4200',
    '三角形',
    '我和老李一块去看了困难户',
    '俩月的一块交了',
    '跟上个月的一块给他了',
    '99999999999999999元',
    '15.555元 还是30元',
    '我和老李礼拜六去看了困难户张大爷，送了一袋米一桶油',
  ])('%s → undefined', (input) => {
    expect(parseMoneyFen(input)).toBeUndefined();
  });
});

describe('parseMoneyFen with bareNumberIs: yuan', () => {
  const yuan = { bareNumberIs: 'yuan' } as const;

  it.each([
    { input: '我退休金四千二 一个月该交多少', fen: 420000, matched: '四千二' },
    { input: '我退休金四千二一个月该交多少', fen: 420000, matched: '四千二' },
    { input: '一百二', fen: 12000, matched: '一百二' },
    { input: '4200', fen: 420000, matched: '4200' },
    { input: '4200.5', fen: 420050, matched: '4200.5' },
    { input: '我一个月三千五', fen: 350000, matched: '三千五' },
    { input: '退休金4200每个月', fen: 420000, matched: '4200' },
    { input: '大概五千吧', fen: 500000, matched: '五千' },
    { input: '三千 还有30元补贴', fen: 3000, matched: '30元' },
  ])('$input → $fen fen', ({ input, fen, matched }) => {
    expect(parseMoneyFen(input, yuan)).toEqual({ fen, matched, index: input.indexOf(matched) });
  });

  it.each([
    '我不知道',
    '退休工资涨了 党费要不要多交',
    '5号楼2单元下水道又堵了 一楼都返水了',
    '3号楼暖气不热 屋里才十四五度',
    '第三',
    '-4200',
    '大概两三千吧',
  ])('%s → undefined', (input) => {
    expect(parseMoneyFen(input, yuan)).toBeUndefined();
  });
});
