import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectPath } from '../../src/paths.js';
import { MEMBER_COLUMNS } from '../../src/roster/columns.js';
import { exportRoster } from '../../src/roster/export.js';
import { type ImportReport, importGrids, importRoster } from '../../src/roster/import.js';
import { readTable } from '../../src/spreadsheets/read-table.js';
import { openRosterScratch, type RosterScratch, runRosterCli } from '../support/roster.js';

const community = { communityCode: 'xingfuli', communityName: '幸福里社区' };
const demo = (name: string) => projectPath('fixtures/demo', name);

let scratch: RosterScratch;
beforeAll(async () => {
  scratch = await openRosterScratch('roster-');
});
afterAll(() => scratch?.close());

/** Document counts of the collections an import may write. */
async function counts() {
  const { Community, Branch, PartyGroup, Grid, Member } = scratch.models;
  return {
    Community: await Community.countDocuments(),
    Branch: await Branch.countDocuments(),
    PartyGroup: await PartyGroup.countDocuments(),
    Grid: await Grid.countDocuments(),
    Member: await Member.countDocuments(),
  };
}
const summary = ({ created, updated, unchanged, rejected }: ImportReport) => ({
  created,
  updated,
  unchanged,
  rejected: rejected.length,
});
const member = (wecomUserId: string) => scratch.models.Member.findOne({ wecomUserId }).lean();

/** A member file: the demo headers, each row given by header → text (missing cells empty). */
async function memberFile(name: string, rows: Array<Record<string, string>>): Promise<string> {
  const headers = MEMBER_COLUMNS.map((c) => c.header);
  const path = join(scratch.dir, name);
  await writeFile(
    path,
    stringify([headers, ...rows.map((r) => headers.map((h) => r[h] ?? ''))], { bom: true }),
  );
  return path;
}

const runCli = (args: string[]) => runRosterCli(scratch.uri, args);

describe('the demo roster', () => {
  it('imports grids, then members', async () => {
    expect(summary(await importGrids(scratch.models, { ...community, file: demo('grids.csv') }))).toEqual({
      created: 9,
      updated: 0,
      unchanged: 0,
      rejected: 0,
    });
    const report = await importRoster(scratch.models, { ...community, file: demo('members.csv') });
    expect(report.rejected).toEqual([]);
    expect(summary(report)).toEqual({ created: 150, updated: 0, unchanged: 0, rejected: 0 });
    expect(await counts()).toEqual({
      Community: 1,
      Branch: 3,
      PartyGroup: 8,
      Grid: 9,
      Member: 150,
    });

    const branches = await scratch.models.Branch.find().lean();
    expect(Object.fromEntries(branches.map((b) => [b.name, b.kind]))).toEqual({
      居民第一支部: 'resident',
      居民第二支部: 'resident',
      退休支部: 'retired',
    });
    const lijianguo = await member('lijianguo');
    expect(lijianguo).toMatchObject({ name: '李建国', roles: ['member', 'secretary'], status: 'active' });
    expect(branches.find((b) => b._id.equals(lijianguo?.branchId))?.name).toBe('居民第一支部');
    const g03 = await scratch.models.Grid.findOne({ code: 'G03' }).lean();
    expect(g03?.leaderUserId).toBe('liuqiang');
    expect((await member('liuqiang'))?.gridId?.equals(g03?._id)).toBe(true);
    expect(await member('wangguilan')).toMatchObject({ duesCategory: 'retired', roles: ['member'] });
    expect(await member('zhoujing')).toMatchObject({ roles: ['grid_leader', 'staff'], branchId: null });
    const mobile = await scratch.models.Member.find({ status: 'mobile' }).lean();
    expect(mobile.length).toBeGreaterThanOrEqual(6);
    for (const m of mobile) {
      expect(m.mobility?.whereTo).not.toBe('');
      expect(m.proxyPayer?.relation).toMatch(/女儿|儿子|老伴|父亲|母亲/);
    }
  });

  it('changes nothing when imported again', async () => {
    expect(
      summary(await importGrids(scratch.models, { ...community, file: demo('grids.csv') })),
    ).toMatchObject({
      unchanged: 9,
      created: 0,
      updated: 0,
    });
    expect(summary(await importRoster(scratch.models, { ...community, file: demo('members.csv') }))).toEqual({
      created: 0,
      updated: 0,
      unchanged: 150,
      rejected: 0,
    });
  });

  it.each(['csv', 'xlsx'])('round-trips through an exported .%s file', async (ext) => {
    const path = join(scratch.dir, `export.${ext}`);
    expect(await exportRoster(scratch.models, 'xingfuli', path)).toBe(150);
    if (ext === 'csv') expect((await readFile(path)).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const table = await readTable(path);
    expect(table.headers).toEqual(MEMBER_COLUMNS.map((c) => c.header));
    const lijianguo = table.rows.find((r) => r.cells.企业微信账号 === 'lijianguo');
    expect(lijianguo?.cells).toMatchObject({ 角色: '党员、书记', 人员类别: '退休', '月党费(元)': '24.00' });
    expect(summary(await importRoster(scratch.models, { ...community, file: path }))).toEqual({
      created: 0,
      updated: 0,
      unchanged: 150,
      rejected: 0,
    });
  });

  it('counts exactly one update when one cell changes, and writes nothing on a dry run', async () => {
    const { headers, rows } = await readTable(join(scratch.dir, 'export.csv'));
    const edited = rows.map((r) =>
      r.cells.企业微信账号 === 'wangguilan' ? { ...r.cells, 手机: '138 0000 9999' } : r.cells,
    );
    const path = join(scratch.dir, 'edited.csv');
    await writeFile(
      path,
      stringify([headers, ...edited.map((c) => headers.map((h) => c[h] ?? ''))], { bom: true }),
    );

    const dry = await importRoster(scratch.models, { ...community, file: path, dryRun: true });
    expect(summary(dry)).toEqual({ created: 0, updated: 1, unchanged: 149, rejected: 0 });
    expect((await member('wangguilan'))?.phone).not.toBe('13800009999');

    expect(summary(await importRoster(scratch.models, { ...community, file: path }))).toEqual({
      created: 0,
      updated: 1,
      unchanged: 149,
      rejected: 0,
    });
    expect((await member('wangguilan'))?.phone).toBe('13800009999');
  });

  it('reads typed .xlsx cells: real dates and numbers', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('名册');
    sheet.addRow(['企业微信账号', '姓名', '入党日期', '手机', '月党费(元)']);
    sheet.addRow(['zhaoxiuying', '赵秀英', new Date(Date.UTC(1975, 6, 1)), 13800000111, 15.5]);
    const path = join(scratch.dir, 'typed.xlsx');
    await workbook.xlsx.writeFile(path);
    expect(summary(await importRoster(scratch.models, { ...community, file: path }))).toEqual({
      created: 0,
      updated: 1,
      unchanged: 0,
      rejected: 0,
    });
    expect(await member('zhaoxiuying')).toMatchObject({
      joinedOn: '1975-07-01',
      phone: '13800000111',
      monthlyDuesFenOverride: 1550,
      status: 'active',
    });
  });

  it('refuses a CSV that is not UTF-8 with a hint', async () => {
    const path = join(scratch.dir, 'gbk.csv');
    await writeFile(path, Buffer.from([0xd0, 0xd5, 0xc3, 0xfb, 0x0a])); // 「姓名」 in GBK
    await expect(importRoster(scratch.models, { ...community, file: path })).rejects.toThrow(/UTF-8/);
  });
});

describe('a file with bad rows', () => {
  const newMember = {
    企业微信账号: 'xinyuan',
    姓名: '辛原',
    支部: '在职党员支部',
    网格: 'G01',
    人员类别: '在职',
  };
  let path: string;
  const expectedRejections = [
    { row: 4, problems: ['第4行：党小组「第一党小组」没有填写所属支部'] },
    { row: 5, problems: ['第5行：网格「G99」不存在（请先导入网格）'] },
    { row: 6, problems: ['第6行：企业微信账号「dup」与第7行重复'] },
    { row: 7, problems: ['第7行：企业微信账号「DUP」与第6行重复'] },
    { row: 8, problems: ['第8行：月党费「abc」不是有效金额（如 15 或 15.50）'] },
    { row: 9, problems: ['第9行：月党费「1200」超过1000元（超出部分属自愿交纳的大额党费，不在名册登记）'] },
    { row: 10, problems: ['第10行：入党日期「2019-13-01」不是有效日期'] },
    { row: 11, problems: ['第11行：手机「12345」不是有效号码（11位手机号，或带区号的座机如010-62345678）'] },
    {
      row: 12,
      problems: [
        '第12行：入党日期「2019年2月30日」不是有效日期',
        '第12行：网格「第十网格」不存在（请先导入网格）',
      ],
    },
  ];

  beforeAll(async () => {
    const { rows } = await readTable(join(scratch.dir, 'export.csv'));
    const zhangwei = rows.find((r) => r.cells.企业微信账号 === 'zhangwei')?.cells;
    const bad = (id: string, cells: Record<string, string>) => ({ 企业微信账号: id, 姓名: '某某', ...cells });
    path = await memberFile('bad.csv', [
      newMember,
      { ...zhangwei, 住址: '7号楼1单元101' },
      bad('bad1', { 党小组: '第一党小组' }),
      bad('bad2', { 网格: 'G99' }),
      bad('dup', {}),
      bad('DUP', {}),
      bad('bad3', { '月党费(元)': 'abc' }),
      bad('bad4', { '月党费(元)': '1200' }),
      bad('bad5', { 入党日期: '2019-13-01' }),
      bad('bad6', { 手机: '12345' }),
      bad('bad7', { 入党日期: '2019年2月30日', 网格: '第十网格' }),
    ]);
  });

  it('reports every problem with its row and applies nothing', async () => {
    const before = await counts();
    const zhangweiBefore = await member('zhangwei');
    const report = await importRoster(scratch.models, { ...community, file: path });
    expect(report.rejected).toEqual(expectedRejections);
    expect(summary(report)).toEqual({ created: 0, updated: 0, unchanged: 0, rejected: 9 });
    expect(await counts()).toEqual(before);
    expect(await member('zhangwei')).toEqual(zhangweiBefore);
  });

  it('applies only the valid rows with allowPartial', async () => {
    const before = await counts();
    const report = await importRoster(scratch.models, { ...community, file: path, allowPartial: true });
    expect(report.rejected).toEqual(expectedRejections);
    expect(summary(report)).toEqual({ created: 1, updated: 1, unchanged: 0, rejected: 9 });
    expect(await counts()).toEqual({ ...before, Branch: before.Branch + 1, Member: before.Member + 1 });
    expect((await scratch.models.Branch.findOne({ name: '在职党员支部' }).lean())?.kind).toBe('employed');
    expect((await member('zhangwei'))?.address).toEqual({ building: '7号楼', unit: '1单元', room: '101' });
    expect(await member('xinyuan')).toMatchObject({
      name: '辛原',
      roles: ['member'],
      duesCategory: 'employed',
    });
  });

  it('lists a column it does not use as ignored, and imports the rest', async () => {
    const report = await importRoster(scratch.models, {
      ...community,
      rows: [{ 企业微信账号: 'xinyuan', 姓名: '辛原', 手机号码: '13800000000', 微信昵称: '阿原' }],
    });
    expect(report).toEqual({
      created: 0,
      updated: 1,
      unchanged: 0,
      rejected: [],
      ignoredColumns: ['微信昵称'],
    });
    expect((await member('xinyuan'))?.phone).toBe('13800000000');
  });
});

describe('grid import checks', () => {
  it('resolves a leader given by name and refuses clashes', async () => {
    const report = await importGrids(scratch.models, {
      ...community,
      rows: [
        { 网格编号: 'G03', 网格名称: '第三网格', 网格长: '刘强', 楼栋: '10号楼、11号楼、12号楼、13号楼' },
        { 网格编号: 'G10', 网格名称: '第十网格', 网格长: '没这个人', 楼栋: '31号楼、5号楼' },
        { 网格编号: 'g10', 网格名称: '重复', 网格长: 'zhoujing', 楼栋: '31号楼' },
      ],
    });
    expect(report).toEqual({
      created: 0,
      updated: 0,
      unchanged: 0,
      rejected: [
        {
          row: 3,
          problems: [
            '第3行：楼栋「5号楼」已属于网格G02',
            '第3行：网格长「没这个人」不是企业微信账号，也找不到这个名字的党员',
          ],
        },
        { row: 4, problems: ['第4行：网格编号「g10」与第3行重复', '第4行：楼栋「31号楼」已属于第3行的网格'] },
      ],
    });
    const partial = await importGrids(scratch.models, {
      ...community,
      allowPartial: true,
      rows: [
        { 网格编号: 'G03', 网格名称: '第三网格', 网格长: '刘强', 楼栋: '10号楼、11号楼、12号楼、13号楼' },
      ],
    });
    expect(summary(partial)).toEqual({ created: 0, updated: 0, unchanged: 1, rejected: 0 });
  });
});

describe('the roster CLI', () => {
  it('prints the counts and exits 1 when rows were rejected and nothing applied', async () => {
    const { code, stdout } = await runCli([
      'import',
      join(scratch.dir, 'bad.csv'),
      '--community',
      'xingfuli',
    ]);
    expect(code).toBe(1);
    expect(stdout).toContain('新增 0 · 更新 0 · 未变 0 · 拒绝 9');
    expect(stdout).toContain('created 0 · updated 0 · unchanged 0 · rejected 9');
    expect(stdout).toContain('第10行：入党日期「2019-13-01」不是有效日期');
  });

  it('imports a good file and exits 0', async () => {
    const path = join(scratch.dir, 'now.csv');
    await exportRoster(scratch.models, 'xingfuli', path);
    const { code, stdout } = await runCli(['import', path]);
    expect(stdout).toContain('新增 0 · 更新 0 · 未变 151 · 拒绝 0');
    expect(code).toBe(0);
  });

  it('explains its usage for bad arguments', async () => {
    const { code, stdout, stderr } = await runCli(['imprt', 'x.csv']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('看不懂的参数 / unexpected arguments: imprt x.csv');
    expect(stderr).toContain('npm run roster -- import <file.csv|file.xlsx>');
  });
});
