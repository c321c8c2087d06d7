import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isBoundUserId } from '../../src/domain/member-vocabulary.js';
import { projectPath } from '../../src/paths.js';
import { importGrids, importRoster } from '../../src/roster/import.js';
import { openRosterScratch, type RosterScratch, runRosterCli } from '../support/roster.js';

/** The 花名册 of 和平里社区 as its secretary keeps it (fixtures/heping/make-roster.ts writes it). */
const HUAMINGCE = projectPath('fixtures/heping/huamingce.xlsx');
const heping = { communityCode: 'heping', communityName: '和平里社区', file: HUAMINGCE };

let scratch: RosterScratch;
beforeAll(async () => {
  scratch = await openRosterScratch('huamingce-');
});
afterAll(() => scratch?.close());

const runCli = (args: string[]) => runRosterCli(scratch.uri, args);

const byName = async (name: string) => scratch.models.Member.find({ name }).lean();

describe('a 花名册 as the secretary keeps it', () => {
  it('asks for the community name when the community is new', async () => {
    const { code, stderr } = await runCli(['import', HUAMINGCE, '--community', 'heping', '--dry-run']);
    expect(code).toBe(1);
    expect(stderr).toContain('首次导入请用 --community-name 给出社区名称');
  });

  it('previews a dry run in words and as an .xlsx, writing nothing', async () => {
    const preview = join(scratch.dir, '预览.xlsx');
    const { code, stdout } = await runCli([
      'import',
      HUAMINGCE,
      '--community',
      'heping',
      '--community-name',
      '和平里社区',
      '--dry-run',
      '--preview',
      preview,
    ]);
    expect(code).toBe(0);
    expect(stdout).toContain('将新建社区：和平里社区（heping）');
    expect(stdout).toContain('新增 14 · 更新 0 · 未变 0 · 拒绝 0');
    expect(stdout).toContain(
      '未使用的列（不导入）：序号、性别、民族、出生年月、文化程度、转正时间、工作单位及职务',
    );
    expect(stdout).toContain('身份证号：不读取、不保存');
    expect(stdout).toContain('书记 赵德明（和平里第一支部）、钱志刚（和平里退休支部）');
    expect(stdout).toContain(
      '备注读到：流动 吴建华；去世 陈国强；预备党员 郑晓燕；代缴 周秀英（刘小红，女儿）',
    );
    expect(stdout).toContain('第10行 冯玉珍：备注「行动不便，需送学上门」中「行动不便、需送学上门」没看懂');
    expect(stdout).toContain('第15行 李秀英：备注「长期住院」中「长期住院」没看懂');
    expect(await scratch.models.Community.countDocuments()).toBe(0);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(preview);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['概览', '党员', '需核对']);
    const members = workbook.getWorksheet('党员')!;
    expect(members.rowCount).toBe(2 + 14);
    const zhou = members.getRow(3 + 3).values as unknown[];
    expect(zhou.slice(1, 11)).toEqual([
      7,
      '周秀英',
      '和平里退休支部',
      '党员',
      '正常',
      '',
      '',
      '刘小红（女儿）',
      '',
      '1956-03',
    ]);
    expect(workbook.getWorksheet('需核对')!.getRow(3).getCell(4).value).toBe('没看懂：行动不便、需送学上门');
  });

  it('imports it: year-month dates, the number 1960.10, landlines, 备注; no userids and no ID numbers', async () => {
    const report = await importRoster(scratch.models, heping);
    expect(report).toMatchObject({
      created: 14,
      rejected: [],
      communityCreated: { code: 'heping', name: '和平里社区' },
      notStoredColumns: ['身份证号'],
    });
    expect(report.attention?.map((a) => a.row)).toEqual([10, 15]);
    const [zhao] = await byName('赵德明');
    expect(zhao).toMatchObject({ roles: ['member', 'secretary'], joinedOn: '1982-06', phone: '13901010001' });
    expect(isBoundUserId(zhao!.wecomUserId)).toBe(false);
    expect((await byName('钱志刚'))[0]).toMatchObject({ joinedOn: '1960-10', phone: '64231578' });
    expect((await byName('周秀英'))[0]).toMatchObject({
      joinedOn: '1956-03',
      phone: '010-64231579',
      proxyPayer: { name: '刘小红', relation: '女儿' },
    });
    expect((await byName('吴建华'))[0]).toMatchObject({
      status: 'mobile',
      mobility: { whereTo: '深圳务工', since: null },
      joinedOn: '2012-06',
    });
    expect((await byName('陈国强'))[0]?.status).toBe('deceased');
    expect((await byName('郑晓燕'))[0]?.probationary).toBe(true);
    expect((await byName('褚桂芝'))[0]).toMatchObject({ phone: '13901010009', joinedOn: '1987-07' });
    expect(await byName('李秀英')).toHaveLength(2);
    const stored = JSON.stringify(await scratch.models.Member.find().lean());
    expect(stored).not.toMatch(/110105/);
  });

  it('changes nothing when imported again, and loads its grids with leaders by name', async () => {
    expect(await importRoster(scratch.models, heping)).toMatchObject({
      created: 0,
      updated: 0,
      unchanged: 14,
    });
    const grids = await importGrids(scratch.models, {
      ...heping,
      file: projectPath('fixtures/heping/grids.csv'),
    });
    expect(grids).toMatchObject({ created: 2, rejected: [] });
    const [sun] = await byName('孙丽华');
    expect((await scratch.models.Grid.findOne({ code: 'G01' }).lean())?.leaderUserId).toBe(sun?.wecomUserId);
  });
});
