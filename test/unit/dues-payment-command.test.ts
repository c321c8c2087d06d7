import { describe, expect, it } from 'vitest';
import { PAYMENT_ERRORS, type PaymentRequest, parsePaymentCommand } from '../../src/domain/dues/index.js';
import { familiarSurname } from '../../src/domain/dues/payment-command.js';
import type { YearMonth } from '../../src/domain/text/index.js';

const ZONE = 'Asia/Shanghai';
const NOW = new Date('2026-11-23T10:00:00+08:00');
const H1_2026: YearMonth[] = ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06'];

const request = (
  memberName: string,
  amount: PaymentRequest['amount'],
  rest: Partial<PaymentRequest> = {},
) => ({
  ok: true,
  value: { memberName, amount, proxy: null, method: null, voluntary: false, ...rest },
});
const fen = (n: number) => ({ kind: 'fen' as const, fen: n });
const count = (n: number) => ({ kind: 'months' as const, count: n });
const months = (list: YearMonth[]) => ({ kind: 'months-list' as const, months: list });

describe('parsePaymentCommand: what secretaries write', () => {
  it.each([
    { input: '王桂兰 21元', expected: request('王桂兰', fen(2100)) },
    { input: '王桂兰 二十一块 现金', expected: request('王桂兰', fen(2100), { method: 'cash' }) },
    { input: '王桂兰 3个月 微信', expected: request('王桂兰', count(3), { method: 'wechat' }) },
    { input: '王桂兰 三个月', expected: request('王桂兰', count(3)) },
    { input: '王桂兰 11月', expected: request('王桂兰', months(['2026-11'])) },
    {
      input: '王桂兰 9-11月 转账',
      expected: request('王桂兰', months(['2026-09', '2026-10', '2026-11']), { method: 'transfer' }),
    },
    { input: '王桂兰 今年上半年', expected: request('王桂兰', months(H1_2026)) },
    {
      input: '刘强 15元 代缴 刘小红(女儿)',
      expected: request('刘强', fen(1500), { proxy: { name: '刘小红', relation: '女儿' } }),
    },
    {
      input: '刘强 15元 代缴 刘小红（女儿） 微信',
      expected: request('刘强', fen(1500), { proxy: { name: '刘小红', relation: '女儿' }, method: 'wechat' }),
    },
    {
      input: '刘强 15 代交 老伴',
      expected: request('刘强', fen(1500), { proxy: { name: '', relation: '老伴' } }),
    },
    { input: '李建国 1200元 自愿', expected: request('李建国', fen(120000), { voluntary: true }) },
  ])('$input', ({ input, expected }) => {
    expect(parsePaymentCommand(input, NOW, ZONE)).toEqual(expected);
  });
});

describe('parsePaymentCommand: other ways of writing it', () => {
  it.each([
    { input: '王桂兰21元', expected: request('王桂兰', fen(2100)) },
    { input: '王桂兰，21元，现金', expected: request('王桂兰', fen(2100), { method: 'cash' }) },
    { input: '王桂兰　２１元', expected: request('王桂兰', fen(2100)) },
    { input: '王桂兰 15块5', expected: request('王桂兰', fen(1550)) },
    { input: '王桂兰 1000元', expected: request('王桂兰', fen(100000)) },
    { input: '王桂兰 1,000元', expected: request('王桂兰', fen(100000)) },
    { input: '阿依古丽·买买提 21元', expected: request('阿依古丽·买买提', fen(2100)) },
    { input: '王桂兰 两个月 银行卡', expected: request('王桂兰', count(2), { method: 'transfer' }) },
    { input: '王桂兰 十二个月', expected: request('王桂兰', count(12)) },
    { input: '王桂兰 21元 微信转账', expected: request('王桂兰', fen(2100), { method: 'wechat' }) },
    { input: '王桂兰 21元 支付宝', expected: request('王桂兰', fen(2100)) }, // unknown method word: ignored
    { input: '王桂兰 上个月', expected: request('王桂兰', months(['2026-10'])) },
    { input: '王桂兰 12月', expected: request('王桂兰', months(['2026-12'])) }, // next month: 预交
    { input: '王桂兰 2025年12月', expected: request('王桂兰', months(['2025-12'])) },
    {
      input: '李建国 1200元 自愿 现金',
      expected: request('李建国', fen(120000), { voluntary: true, method: 'cash' }),
    },
    { input: '李建国 50元 自愿多交', expected: request('李建国', fen(5000), { voluntary: true }) },
    {
      input: '刘强 15元 代缴 女儿刘小红',
      expected: request('刘强', fen(1500), { proxy: { name: '刘小红', relation: '女儿' } }),
    },
    {
      input: '刘强 15元 代缴 刘小红女儿',
      expected: request('刘强', fen(1500), { proxy: { name: '刘小红', relation: '女儿' } }),
    },
    {
      input: '刘强 15元 代缴 张建华',
      expected: request('刘强', fen(1500), { proxy: { name: '张建华', relation: '' } }),
    },
    {
      input: '刘强 代交 老伴 三个月',
      expected: request('刘强', count(3), { proxy: { name: '', relation: '老伴' } }),
    },
  ])('$input', ({ input, expected }) => {
    expect(parsePaymentCommand(input, NOW, ZONE)).toEqual(expected);
  });

  it('12月 in January is last December, not next', () => {
    const january = new Date('2026-01-10T10:00:00+08:00');
    expect(parsePaymentCommand('王桂兰 12月', january, ZONE)).toEqual(request('王桂兰', months(['2025-12'])));
  });
});

describe("parsePaymentCommand: a secretary's own sentence", () => {
  const family = (relation: string) => ({ proxy: { name: '', relation } });
  it.each([
    { input: '老张的党费他闺女转过来了 交了仨月', expected: request('老张', count(3), family('女儿')) },
    {
      input: '收到李大爷现金二十一块 这个月的',
      expected: request('李大爷', { ...fen(2100), months: ['2026-11'] as YearMonth[] }, { method: 'cash' }),
    },
    {
      input: '王桂兰 21元 11月',
      expected: request('王桂兰', { ...fen(2100), months: ['2026-11'] as YearMonth[] }),
    },
    { input: '王桂兰 3个月 63元', expected: request('王桂兰', { ...fen(6300), count: 3 }) },
    { input: '冯军交俩月现金', expected: request('冯军', count(2), { method: 'cash' }) },
    { input: '吴保国二十一块五', expected: request('吴保国', fen(2150)) },
    {
      input: '刘桂英交了一季度 三十九 现金',
      expected: request('刘桂英', { ...fen(3900), count: 3 }, { method: 'cash' }),
    },
    { input: '黄世民全年的党费一次性交清了', expected: request('黄世民', count(12)) },
    { input: '范桂英女儿帮她交了半年的', expected: request('范桂英', count(6), family('女儿')) },
    {
      input: '杜兰英腿脚不好 她外孙拿来16块钱现金',
      expected: request('杜兰英', fen(1600), { method: 'cash', ...family('外孙') }),
    },
    { input: '吴斌在外地 他爱人代交了三个月', expected: request('吴斌', count(3), family('爱人')) },
    {
      input: '刚才老周在楼下碰见我 顺手微信转了我二十四',
      expected: request('老周', fen(2400), { method: 'wechat' }),
    },
    { input: '登记 任军 党费48', expected: request('任军', fen(4800)) },
    { input: '宋娟 33 vx', expected: request('宋娟', fen(3300), { method: 'wechat' }) },
    { input: '吴涛打卡上88块', expected: request('吴涛', fen(8800), { method: 'transfer' }) },
    { input: '趙秀英 19.5 現金', expected: request('赵秀英', fen(1950), { method: 'cash' }) },
  ])('$input', ({ input, expected }) => {
    expect(parsePaymentCommand(input, NOW, ZONE)).toEqual(expected);
  });

  // Kinds seen on fresh messages: request words with 一下 before the name, months placed by 今年 or by one of
  // them, 一块 meaning together.
  it.each([
    { input: '帮我登记下 蔡树森 仨月的', expected: request('蔡树森', count(3)) },
    {
      input: '麻烦记一下 魏淑珍交了两个月 微信',
      expected: request('魏淑珍', count(2), { method: 'wechat' }),
    },
    { input: '登记一下 石桂英 十七块 现金', expected: request('石桂英', fen(1700), { method: 'cash' }) },
    { input: '丁保国把今年最后俩月的也交上了', expected: request('丁保国', count(2)) },
    { input: '唐永福说明年一年的先交了', expected: request('唐永福', count(12)) },
    { input: '范桂英连十二月的一起 交了俩月', expected: request('范桂英', count(2)) },
    { input: '冯军的党费仨月一块交的 现钱', expected: request('冯军', count(3), { method: 'cash' }) },
    // paid, but how much not said: what is owed up to this month (the preview shows the months before 确认)
    { input: '丁保国的党费他儿子帮着交上了', expected: request('丁保国', { kind: 'owed' }, family('儿子')) },
    { input: '石桂英家老头把党费送过来了', expected: request('石桂英', { kind: 'owed' }, family('老伴')) },
    // months listed one after another, and a count that only agrees with them
    { input: '王桂兰 3个月 9-11月', expected: request('王桂兰', months(['2026-09', '2026-10', '2026-11'])) },
    {
      input: '帮丁保国记上 九月十月两个月的 他闺女拿来的',
      expected: request('丁保国', months(['2026-09', '2026-10']), { method: 'cash', ...family('女儿') }),
    },
    {
      input: '把老蔡十月、十一月的记上 微信',
      expected: request('老蔡', months(['2026-10', '2026-11']), { method: 'wechat' }),
    },
    // the day said the colloquial way after a familiar name
    {
      input: '丁保国托人捎来四十二 俩月的',
      expected: request('丁保国', { ...fen(4200), count: 2 }, family('他人')),
    },
    {
      input: '冯军的儿子替他把明年上半年的交了',
      expected: request(
        '冯军',
        months(['2027-01', '2027-02', '2027-03', '2027-04', '2027-05', '2027-06']),
        family('儿子'),
      ),
    },
    { input: '老范昨儿个把党费交了 现钱十七', expected: request('老范', fen(1700), { method: 'cash' }) },
    // a rate after the sum is no count of months
    { input: '石桂英 两块一 七毛一个月 交仨月', expected: request('石桂英', { ...fen(210), count: 3 }) },
    // the payer named after the relation
    {
      input: '魏淑珍在外地带孙子 她儿子唐海把半年的都代交了',
      expected: request('魏淑珍', count(6), { proxy: { name: '唐海', relation: '儿子' } }),
    },
  ])('$input', ({ input, expected }) => {
    expect(parsePaymentCommand(input, NOW, ZONE)).toEqual(expected);
  });

  it('takes the member named in answer to 「是哪一位？」', () => {
    expect(parsePaymentCommand('老张的党费他闺女转过来了 交了仨月 姓名： 张建华', NOW, ZONE)).toEqual(
      request('张建华', count(3), family('女儿')),
    );
  });

  it('reads 老张 and 李大爷 as a surname to look up, a full name as itself', () => {
    expect([familiarSurname('老张'), familiarSurname('李大爷'), familiarSurname('王阿姨')]).toEqual([
      '张',
      '李',
      '王',
    ]);
    expect(familiarSurname('张建华')).toBeNull();
  });
});

describe('parsePaymentCommand: missing parts', () => {
  it.each([
    { input: '21元', missing: 'name' },
    { input: '三个月', missing: 'name' },
    { input: '十一月', missing: 'name' },
    { input: '现金 21元', missing: 'name' },
    { input: '二十一块 王桂兰', missing: 'name' },
    { input: '', missing: 'name' },
    { input: '王桂兰', missing: 'amount' },
    { input: '王桂兰 现金', missing: 'amount' },
    { input: '刘强 代缴 刘小红(女儿)', missing: 'amount' },
    { input: '唐永福的党费交了没', missing: 'amount' },
    { input: '蔡树森的党费送来没有', missing: 'amount' },
  ])('$input → missing $missing', ({ input, missing }) => {
    expect(parsePaymentCommand(input, NOW, ZONE)).toEqual({ ok: false, missing });
  });
});

describe('parsePaymentCommand: refusals', () => {
  it.each([
    { input: '王桂兰 0元', error: PAYMENT_ERRORS.notPositive },
    { input: '王桂兰 0', error: PAYMENT_ERRORS.notPositive },
    { input: '王桂兰 -5元', error: PAYMENT_ERRORS.notPositive },
    { input: '王桂兰 负5元', error: PAYMENT_ERRORS.notPositive },
    { input: '王桂兰 0个月', error: PAYMENT_ERRORS.notPositive },
    { input: '王桂兰 负3个月', error: PAYMENT_ERRORS.notPositive },
    { input: '王桂兰 13个月', error: PAYMENT_ERRORS.tooManyMonths },
    { input: '王桂兰 十三个月', error: PAYMENT_ERRORS.tooManyMonths },
    { input: '王桂兰 1000.01元', error: '超过1000元的请注明“自愿”，大额党费按规定单独处理' },
    { input: '李建国 1200元 现金', error: '超过1000元的请注明“自愿”，大额党费按规定单独处理' },
    { input: '王桂兰 2个月 9-11月', error: PAYMENT_ERRORS.amountAndMonths },
    { input: '刘强 15元 代缴', error: PAYMENT_ERRORS.proxy },
    { input: '刘强 15元 代缴 欧阳建国华(儿子)', error: PAYMENT_ERRORS.proxy },
  ])('$input → $error', ({ input, error }) => {
    expect(parsePaymentCommand(input, NOW, ZONE)).toEqual({ ok: false, error });
  });
});
