import { describe, expect, it } from 'vitest';
import { ROSTER_COLUMNS } from '../../src/roster/columns.js';
import { findHeader } from '../../src/roster/header-row.js';
import { parseMemberRow, parsePhone, parseRecordedDate } from '../../src/roster/parse-row.js';
import { readRemarks } from '../../src/roster/remarks.js';

describe('dates to the precision written', () => {
  it.each([
    ['1956.03', '1956-03'],
    ['1956.3', '1956-03'],
    ['1987年7月', '1987-07'],
    ['1987-07', '1987-07'],
    ['1987/7', '1987-07'],
    ['1960.10', '1960-10'],
    ['2019.7.1', '2019-07-01'],
    ['2019年7月1日', '2019-07-01'],
  ])('%s → %s', (text, date) => expect(parseRecordedDate(text)).toBe(date));

  it.each(['1956.13', '1956', '56.03', '1987年', '七月'])('refuses %s', (text) =>
    expect(parseRecordedDate(text)).toBeUndefined(),
  );
});

describe('phones as a 花名册 writes them', () => {
  it.each([
    ['64231578', '64231578'],
    ['6423157', '6423157'],
    ['64231581、13901010009', '13901010009'],
    ['010-64231579，64231580', '010-64231579'],
  ])('%s → %s', (text, phone) => expect(parsePhone(text)).toBe(phone));

  it.each(['1234567', '64231578、12345'])('refuses %s', (text) => expect(parsePhone(text)).toBeUndefined());
});

describe('备注', () => {
  it.each<[string, Partial<ReturnType<typeof readRemarks>>]>([
    ['书记', { roles: ['secretary'], unread: [] }],
    ['副书记、网格长', { roles: ['deputy_secretary', 'grid_leader'], unread: [] }],
    ['支部书记 组织委员', { roles: ['secretary', 'organiser'], unread: [] }],
    ['流动党员（深圳务工）', { status: 'mobile', whereTo: '深圳务工', unread: [] }],
    ['流动', { status: 'mobile', unread: [] }],
    ['预备党员', { probationary: true, unread: [] }],
    ['代缴 刘小红（女儿）', { proxyPayer: { name: '刘小红', relation: '女儿' }, unread: [] }],
    ['女儿王小红代缴', { proxyPayer: { name: '王小红', relation: '女儿' }, unread: [] }],
    ['党费由儿子张军代缴', { proxyPayer: { name: '张军', relation: '儿子' }, unread: ['党费'] }],
    ['代缴人：李强', { proxyPayer: { name: '李强', relation: '' }, unread: [] }],
    ['2025年3月去世', { status: 'deceased', unread: [] }],
    ['已故', { status: 'deceased', unread: [] }],
    ['已转出至朝阳区', { status: 'transferred_out', unread: [] }],
    ['退休', { duesCategory: 'retired', unread: [] }],
    ['行动不便，需送学上门', { roles: [], unread: ['行动不便', '需送学上门'] }],
    ['书记，长期住院', { roles: ['secretary'], unread: ['长期住院'] }],
    ['宣传委员', { roles: [], unread: ['宣传委员'] }],
  ])('「%s」', (text, reading) => expect(readRemarks(text)).toMatchObject(reading));

  it('fills only the columns the file lacks, and keeps what it did not understand for the secretary', () => {
    const row = (cells: Record<string, string>) => {
      const parsed = parseMemberRow({ 姓名: '赵德明', ...cells }, 4);
      if (!parsed.ok) throw new Error(parsed.problems.join());
      return parsed.value;
    };
    expect(row({ 备注: '书记、流动（深圳）、长期住院' })).toMatchObject({
      wecomUserId: null,
      roles: ['member', 'secretary'],
      status: 'mobile',
      mobility: { whereTo: '深圳', since: null },
      remarks: { text: '书记、流动（深圳）、长期住院', unread: ['长期住院'] },
    });
    expect(row({ 备注: '流动' }).remarks?.unread).toEqual(['流动去向未写明']);
    expect(row({ 角色: '党员、组织委员', 状态: '正常', 备注: '书记、流动（深圳）' })).toMatchObject({
      roles: ['member', 'organiser'],
      status: 'active',
    });
  });
});

describe('the header under a title', () => {
  const title = ['和平里社区党员花名册', '和平里社区党员花名册', '和平里社区党员花名册'];

  it('joins a two-row header with merged cells', () => {
    const records = [
      [...title, '', ''],
      ['序号', '姓名', '党籍情况', '党籍情况', '所在支部'],
      ['序号', '姓名', '入党时间', '转正时间', '所在支部'],
      ['1', '赵德明', '1982.06', '1983.06', '和平里第一支部'],
    ];
    expect(findHeader(ROSTER_COLUMNS, records)).toEqual({
      row: 2,
      height: 2,
      headers: ['序号', '姓名', '入党时间', '转正时间', '所在支部'],
    });
  });

  it('takes a one-row header when the next row is data', () => {
    const records = [
      ['', ''],
      ['姓名', '联系电话', '所在支部', '备注'],
      ['赵德明', '13901010001', '和平里第一支部', '书记'],
    ];
    expect(findHeader(ROSTER_COLUMNS, records)).toMatchObject({ row: 2, height: 1 });
  });

  it('falls back to row 1 when no row looks like a roster header', () => {
    expect(findHeader(ROSTER_COLUMNS, [['名单'], ['张三']])).toEqual({
      row: 1,
      height: 1,
      headers: ['名单'],
    });
  });
});
