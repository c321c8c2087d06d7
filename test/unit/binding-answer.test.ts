import { describe, expect, it } from 'vitest';
import { parseBindingAnswer, phoneEndsWith } from '../../src/domain/binding.js';

describe('a binding answer: name and the phone’s last four digits', () => {
  it.each([
    ['王桂兰 1234', { name: '王桂兰', lastFour: '1234' }],
    ['王桂兰1234', { name: '王桂兰', lastFour: '1234' }],
    ['王桂兰，1234', { name: '王桂兰', lastFour: '1234' }],
    ['我是蒋文博，手机后四位0013', { name: '蒋文博', lastFour: '0013' }],
    ['李秀英 电话尾号是0011', { name: '李秀英', lastFour: '0011' }],
  ])('%s', (text, answer) => expect(parseBindingAnswer(text)).toEqual(answer));

  it.each(['王桂兰', '1234', '王桂兰 12345', '5号楼下水道堵了', '缴费 王桂兰 21元'])(
    'not an answer: %s',
    (text) => expect(parseBindingAnswer(text)).toBeNull(),
  );

  it('compares digits only, so landlines with an area code match too', () => {
    expect(phoneEndsWith('010-64231579', '1579')).toBe(true);
    expect(phoneEndsWith('13901010011', '0011')).toBe(true);
    expect(phoneEndsWith(null, '0011')).toBe(false);
  });
});
