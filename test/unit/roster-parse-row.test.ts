import { describe, expect, it } from 'vitest';
import {
  branchKindFromName,
  headerProblems,
  MEMBER_COLUMNS,
  ROSTER_COLUMNS,
} from '../../src/roster/columns.js';
import {
  parseAddress,
  parseDate,
  parseGridRow,
  parseMemberRow,
  parsePhone,
  parseProxyPayer,
  parseRoles,
  parseYuanToFen,
} from '../../src/roster/parse-row.js';

const base = { 企业微信账号: 'zhangsan', 姓名: '张三' };

/** The problems of a row that must fail. */
function problemsOf(cells: Record<string, string>, row = 12): string[] {
  const result = parseMemberRow({ ...base, ...cells }, row);
  if (result.ok) throw new Error(`expected problems, got ${JSON.stringify(result.value)}`);
  return result.problems;
}
function rowOf(cells: Record<string, string>) {
  const result = parseMemberRow({ ...base, ...cells }, 2);
  if (!result.ok) throw new Error(result.problems.join('\n'));
  return result.value;
}

describe('dates', () => {
  it.each([
    ['2019-07-01', '2019-07-01'],
    ['2019-7-1', '2019-07-01'],
    ['2019年7月1日', '2019-07-01'],
    ['2019年7月1', '2019-07-01'],
    ['2019.7.1', '2019-07-01'],
    ['2019/7/1', '2019-07-01'],
    [' 2019 / 07 / 01 ', '2019-07-01'],
    ['2020-02-29', '2020-02-29'],
  ])('accepts %s', (text, date) => expect(parseDate(text)).toBe(date));

  it.each([
    '2019-13-01',
    '2019-02-29',
    '2019-04-31',
    '2019-00-10',
    '2019/7-1',
    '19-7-1',
    '2019-07',
    '七月一日',
  ])('refuses %s', (text) => expect(parseDate(text)).toBeUndefined());
});

describe('monthly dues in yuan → fen', () => {
  it.each([
    ['15', 1500],
    ['15.5', 1550],
    ['15.50', 1550],
    ['￥15', 1500],
    ['¥15.05', 1505],
    ['15元', 1500],
    ['0.20', 20],
    ['0.1', 10],
    ['1000', 100_000],
  ])('%s → %i fen', (text, fen) => expect(parseYuanToFen(text)).toBe(fen));

  it.each(['15.555', '-5', 'abc', '1,000', '15.', '.5', ''])('refuses %s', (text) =>
    expect(parseYuanToFen(text)).toBeUndefined(),
  );
});

describe('phones', () => {
  it.each([
    ['13800001234', '13800001234'],
    ['138 0000 1234', '13800001234'],
    ['138-0000-1234', '13800001234'],
    ['+86 13800001234', '13800001234'],
    ['8613800001234', '13800001234'],
    ['19912345678', '19912345678'],
    ['010-62345678', '010-62345678'],
    ['(010)62345678', '010-62345678'],
    ['（0755）8765432', '0755-8765432'],
    ['0755 87654321', '0755-87654321'],
    ['01062345678', '010-62345678'],
    ['02187654321', '021-87654321'],
    ['075587654321', '0755-87654321'],
  ])('%s → %s', (text, phone) => expect(parsePhone(text)).toBe(phone));

  // Local numbers never start with 0 or 1.
  it.each(['12345678', '1380000123', '12800001234', '138000012345', '010-0123456', '010-12345678', 'abc'])(
    'refuses %s',
    (text) => expect(parsePhone(text)).toBeUndefined(),
  );
});

describe('addresses', () => {
  it.each([
    ['5号楼2单元301', { building: '5号楼', unit: '2单元', room: '301' }],
    ['5栋2单元301室', { building: '5栋', unit: '2单元', room: '301' }],
    ['东区12幢3单元502', { building: '东区12幢', unit: '3单元', room: '502' }],
    ['5号楼 2单元 301', { building: '5号楼', unit: '2单元', room: '301' }],
    ['5号楼', { building: '5号楼', unit: '', room: '' }],
    ['西区3栋', { building: '西区3栋', unit: '', room: '' }],
    ['5号楼301', { building: '5号楼', unit: '', room: '301' }],
    ['A座1201', { building: 'A座', unit: '', room: '1201' }],
  ])('%s', (text, address) => expect(parseAddress(text)).toEqual(address));

  it.each(['平房', '2单元301', '幸福里小区'])('refuses %s', (text) =>
    expect(parseAddress(text)).toBeUndefined(),
  );
});

describe('proxy payers', () => {
  it.each([
    ['王小红(女儿)', { name: '王小红', relation: '女儿' }],
    ['王小红（女儿）', { name: '王小红', relation: '女儿' }],
    ['王小红 （女儿）', { name: '王小红', relation: '女儿' }],
    ['王小红 女儿', { name: '王小红', relation: '女儿' }],
    ['王小红', { name: '王小红', relation: '' }],
  ])('%s', (text, payer) => expect(parseProxyPayer(text)).toEqual(payer));

  it.each(['王小红 女儿 外甥', '(女儿)'])('refuses %s', (text) =>
    expect(parseProxyPayer(text)).toBeUndefined(),
  );
});

describe('roles', () => {
  it.each([
    ['', ['member']],
    ['党员', ['member']],
    ['书记', ['member', 'secretary']],
    ['党员、书记', ['member', 'secretary']],
    ['网格长,组织委员', ['member', 'organiser', 'grid_leader']],
    ['书记，网格长', ['member', 'secretary', 'grid_leader']],
    ['副书记；管理员', ['member', 'deputy_secretary', 'admin']],
    ['副书记;管理员', ['member', 'deputy_secretary', 'admin']],
    ['社工', ['staff']],
    ['社工、网格长', ['grid_leader', 'staff']],
    ['党员/社工', ['member', 'staff']],
    ['社工、管理员', ['staff', 'admin']],
  ])('「%s」 → %j', (text, roles) => expect(parseRoles(text)).toEqual({ roles, unknown: [] }));

  it('reports words it does not know', () => {
    expect(parseRoles('书记、队长').unknown).toEqual(['队长']);
  });
});

describe('parseMemberRow', () => {
  it('reads a full row with Chinese headers', () => {
    expect(
      rowOf({
        支部: '居民第一支部',
        党小组: '第一党小组',
        网格: 'G03',
        角色: '党员、书记',
        人员类别: '退休',
        状态: '流动',
        手机: '138-0000-0001',
        住址: '5号楼2单元301',
        '月党费（元）': '￥21',
        代缴人: '王小红（女儿）',
        入党日期: '1978年6月15日',
        流动去向: '广东省深圳市',
        流动开始: '2024.3.1',
        预备党员: '否',
      }),
    ).toEqual({
      wecomUserId: 'zhangsan',
      name: '张三',
      branch: '居民第一支部',
      partyGroup: '第一党小组',
      grid: 'G03',
      roles: ['member', 'secretary'],
      duesCategory: 'retired',
      status: 'mobile',
      mobility: { whereTo: '广东省深圳市', since: '2024-03-01' },
      probationary: false,
      joinedOn: '1978-06-15',
      phone: '13800000001',
      address: { building: '5号楼', unit: '2单元', room: '301' },
      proxyPayer: { name: '王小红', relation: '女儿' },
      monthlyDuesFen: 2100,
    });
  });

  it('reads English aliases too', () => {
    const row = parseMemberRow({ userid: 'lisi', name: '李四', status: '正常', category: '学生' }, 2);
    expect(row).toEqual({
      ok: true,
      value: { wecomUserId: 'lisi', name: '李四', status: 'active', mobility: null, duesCategory: 'student' },
    });
  });

  it('leaves absent columns undefined and turns empty cells into null or the default', () => {
    expect(rowOf({})).toEqual({ wecomUserId: 'zhangsan', name: '张三' });
    expect(
      rowOf({
        支部: '',
        手机: '',
        住址: '',
        月党费: '',
        代缴人: '',
        入党日期: '',
        人员类别: '',
        状态: '',
        角色: '',
      }),
    ).toEqual({
      wecomUserId: 'zhangsan',
      name: '张三',
      branch: null,
      partyGroup: null,
      roles: ['member'],
      duesCategory: 'other',
      status: 'active',
      mobility: null,
      joinedOn: null,
      phone: null,
      address: null,
      proxyPayer: null,
      monthlyDuesFen: null,
    });
  });

  it.each([
    ['在职', 'employed'],
    ['退休', 'retired'],
    ['学生', 'student'],
    ['失业', 'unemployed'],
    ['低保', 'low_income'],
    ['农民', 'farmer'],
    ['其他', 'other'],
  ])('人员类别 %s → %s', (text, code) => expect(rowOf({ 人员类别: text }).duesCategory).toBe(code));

  it.each([
    ['正常', 'active'],
    ['停止党籍', 'suspended'],
    ['转出', 'transferred_out'],
    ['去世', 'deceased'],
  ])('状态 %s → %s', (text, code) => expect(rowOf({ 状态: text }).status).toBe(code));

  it.each([
    ['是', true],
    ['否', false],
    ['', false],
    ['Y', true],
    ['no', false],
  ])('预备党员 「%s」 → %s', (text, flag) => expect(rowOf({ 预备党员: text }).probationary).toBe(flag));

  it('reads 用微信接收 as 是/否, and refuses anything else', () => {
    expect(rowOf({ 用微信接收: '是' }).plainTextOnly).toBe(true);
    expect(rowOf({ 用微信接收: '' }).plainTextOnly).toBe(false);
    expect(rowOf({ 姓名: '王桂兰' }).plainTextOnly).toBeUndefined();
  });

  it('clears the party group when only branches are given', () => {
    expect(rowOf({ 支部: '退休支部' })).toMatchObject({ branch: '退休支部', partyGroup: null });
  });

  it.each<[Record<string, string>, string[]]>([
    [
      { 企业微信账号: '张三' },
      ['第12行：企业微信账号「张三」不合规（只能用字母、数字和 _ - @ .，以字母或数字开头，最长64位）'],
    ],
    [{ 姓名: ' ' }, ['第12行：缺少姓名']],
    [{ 入党日期: '2019-13-01' }, ['第12行：入党日期「2019-13-01」不是有效日期']],
    [{ 入党日期: '1919-05-04' }, ['第12行：入党日期「1919-05-04」早于建党（1921年7月）']],
    [
      { 流动开始: '2024-02-30', 状态: '流动', 流动去向: '上海' },
      ['第12行：流动开始「2024-02-30」不是有效日期'],
    ],
    [{ 月党费: 'abc' }, ['第12行：月党费「abc」不是有效金额（如 15 或 15.50）']],
    [{ 月党费: '15.555' }, ['第12行：月党费「15.555」不是有效金额（如 15 或 15.50）']],
    [
      { '月党费(元)': '1000.01' },
      ['第12行：月党费「1000.01」超过1000元（超出部分属自愿交纳的大额党费，不在名册登记）'],
    ],
    [{ 手机: '12345' }, ['第12行：手机「12345」不是有效号码（11位手机号，或带区号的座机如010-62345678）']],
    [{ 住址: '平房' }, ['第12行：住址「平房」看不懂（请写成「5号楼2单元301」）']],
    [{ 代缴人: '(女儿)' }, ['第12行：代缴人「(女儿)」看不懂（请写成「王小红（女儿）」）']],
    [
      { 角色: '党员、队长' },
      ['第12行：角色「队长」不认识（可填：党员、书记、副书记、组织委员、网格长、社工、管理员、街道）'],
    ],
    [
      { 人员类别: '个体' },
      ['第12行：人员类别「个体」不认识（可填：在职、退休、学生、失业、低保、农民、其他）'],
    ],
    [{ 状态: '请假' }, ['第12行：状态「请假」不认识（可填：正常、流动、停止党籍、转出、去世）']],
    [{ 预备党员: '也许' }, ['第12行：预备党员「也许」请填「是」或「否」']],
    [{ 党小组: '第一党小组' }, ['第12行：党小组「第一党小组」没有填写所属支部']],
    [{ 支部: '', 党小组: '第一党小组' }, ['第12行：党小组「第一党小组」没有填写所属支部']],
    [{ 状态: '流动' }, ['第12行：状态为流动时须填写流动去向']],
    [{ 状态: '正常', 流动去向: '深圳' }, ['第12行：流动去向、流动开始只用于状态为流动的党员']],
    [{ 流动去向: '深圳' }, ['第12行：填写流动去向、流动开始时须同时有「状态」列']],
    [
      { 入党日期: '2019/02/30', 手机: '1380000', 月党费: '1200' },
      [
        '第12行：入党日期「2019/02/30」不是有效日期',
        '第12行：手机「1380000」不是有效号码（11位手机号，或带区号的座机如010-62345678）',
        '第12行：月党费「1200」超过1000元（超出部分属自愿交纳的大额党费，不在名册登记）',
      ],
    ],
  ])('refuses %j', (cells, problems) => expect(problemsOf(cells)).toEqual(problems));
});

describe('parseGridRow', () => {
  it('splits buildings on 、 , and ，', () => {
    expect(
      parseGridRow(
        {
          网格编号: 'G08',
          网格名称: '东区网格',
          网格长: 'luolixin',
          楼栋: '东区1栋、东区2栋,东区3栋， 东区4栋',
        },
        2,
      ),
    ).toEqual({
      ok: true,
      value: {
        code: 'G08',
        name: '东区网格',
        leader: 'luolixin',
        buildings: ['东区1栋', '东区2栋', '东区3栋', '东区4栋'],
      },
    });
  });

  it('reports missing fields and repeated buildings', () => {
    expect(parseGridRow({ 网格编号: '', 网格名称: '', 楼栋: '1号楼、1号楼' }, 5)).toEqual({
      ok: false,
      problems: ['第5行：缺少网格编号', '第5行：缺少网格名称', '第5行：楼栋「1号楼」重复'],
    });
  });
});

describe('headers and branch kinds', () => {
  it('accepts full-width brackets, lists unused columns once and 身份证号 as not stored, refuses repeats and a missing 姓名', () => {
    expect(headerProblems(ROSTER_COLUMNS, ['序号', '企业微信账号', '姓名', '月党费（元）', '备注'])).toEqual({
      problems: [],
      fatal: false,
      ignored: ['序号'],
      notStored: [],
    });
    expect(
      headerProblems(ROSTER_COLUMNS, ['党员姓名', '性别', '身份证号', '手机号码', '微信昵称', '性别'], 3),
    ).toEqual({ problems: [], fatal: false, ignored: ['性别', '微信昵称'], notStored: ['身份证号'] });
    expect(headerProblems(MEMBER_COLUMNS, ['userid', '企业微信账号', '手机'])).toEqual({
      problems: ['第1行：列「企业微信账号」重复', '第1行：缺少必填列「姓名」'],
      fatal: true,
      ignored: [],
      notStored: [],
    });
  });

  it.each([
    ['退休支部', 'retired'],
    ['离退休第二支部', 'retired'],
    ['在职党员支部', 'employed'],
    ['流动党员支部', 'mobile'],
    ['居民第一支部', 'resident'],
  ])('%s → %s', (name, kind) => expect(branchKindFromName(name)).toBe(kind));
});
