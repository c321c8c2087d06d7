/**
 * The columns of the roster spreadsheets. Headers are matched after normalising (see `headerKey`), so
 * 「月党费（元）」, 「月党费(元)」 and 「月党费」 are the same column; English aliases suit generated files.
 */
import type { BranchKind } from '../domain/member-vocabulary.js';

export interface Column<K extends string> {
  key: K;
  /** What exports write and what the fixtures use. */
  header: string;
  aliases: readonly string[];
  required?: boolean;
}

export const MEMBER_COLUMNS = [
  {
    key: 'wecomUserId',
    header: '企业微信账号',
    aliases: ['wecomUserId', 'userid', '账号', '企业微信ID'],
  },
  { key: 'name', header: '姓名', aliases: ['name', '党员姓名'], required: true },
  { key: 'branch', header: '支部', aliases: ['branch', '所在支部', '支部名称', '所属支部', '所在党支部'] },
  { key: 'partyGroup', header: '党小组', aliases: ['partyGroup', 'group'] },
  { key: 'grid', header: '网格', aliases: ['grid'] },
  { key: 'roles', header: '角色', aliases: ['roles', 'role'] },
  { key: 'duesCategory', header: '人员类别', aliases: ['duesCategory', 'category', '类别'] },
  { key: 'status', header: '状态', aliases: ['status'] },
  {
    key: 'phone',
    header: '手机',
    aliases: ['phone', 'mobile', '手机号', '手机号码', '电话', '联系电话', '联系方式'],
  },
  {
    key: 'address',
    header: '住址',
    aliases: ['address', '地址', '家庭住址', '现住址', '居住地址', '家庭地址'],
  },
  { key: 'monthlyDues', header: '月党费(元)', aliases: ['monthlyDues', '月党费'] },
  { key: 'proxyPayer', header: '代缴人', aliases: ['proxyPayer', '代交人'] },
  { key: 'joinedOn', header: '入党日期', aliases: ['joinedOn', '入党时间', '入党年月'] },
  { key: 'mobileWhereTo', header: '流动去向', aliases: ['mobileWhereTo'] },
  { key: 'mobileSince', header: '流动开始', aliases: ['mobileSince', '流动开始日期'] },
  { key: 'probationary', header: '预备党员', aliases: ['probationary'] },
  { key: 'plainTextOnly', header: '用微信接收', aliases: ['plainTextOnly', '微信接收'] },
] as const satisfies readonly Column<string>[];

export type MemberColumnKey = (typeof MEMBER_COLUMNS)[number]['key'];

/**
 * What the import reads: the member columns (which the export writes back) and 备注, which is read where it is
 * unambiguous (src/roster/remarks.ts) and not stored.
 */
export const ROSTER_COLUMNS = [
  ...MEMBER_COLUMNS,
  { key: 'remarks', header: '备注', aliases: ['remarks', '说明'] },
] as const satisfies readonly Column<string>[];

export const GRID_COLUMNS = [
  { key: 'code', header: '网格编号', aliases: ['code', 'gridCode'], required: true },
  { key: 'name', header: '网格名称', aliases: ['name', 'gridName'], required: true },
  { key: 'leader', header: '网格长', aliases: ['leader', 'leaderUserId'] },
  { key: 'buildings', header: '楼栋', aliases: ['buildings', '楼号'] },
  { key: 'addresses', header: '地址', aliases: ['addresses', '街道地址', '门牌地址'] },
] as const satisfies readonly Column<string>[];

export type GridColumnKey = (typeof GRID_COLUMNS)[number]['key'];

/**
 * Columns secretaries' rosters carry that we do not use. They are listed once as ignored, like any other
 * column we do not know; knowing them helps find the header row under a title.
 */
export const UNUSED_HEADERS: readonly string[] = [
  '序号',
  '性别',
  '民族',
  '籍贯',
  '出生年月',
  '出生日期',
  '文化程度',
  '学历',
  '转正时间',
  '转正日期',
  '工作单位及职务',
  '工作单位',
  '职务',
];

/** Columns read but never stored (personal data the bot has no use for); the import says so. */
export const NOT_STORED_HEADERS: readonly string[] = ['身份证号', '身份证号码', '公民身份号码'];

/** Full-width brackets, spaces and letter case do not distinguish headers. */
export function headerKey(header: string): string {
  return header
    .replace(/^\uFEFF/, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .replace(/\s+/g, '')
    .toLowerCase();
}

/** The column a header names, or undefined. */
export function columnFor<K extends string>(columns: readonly Column<K>[], header: string): K | undefined {
  const wanted = headerKey(header);
  for (const column of columns) {
    if ([column.header, ...column.aliases].some((h) => headerKey(h) === wanted)) return column.key;
  }
  return undefined;
}

/** Maps a raw row (header → text) to column keys; cells under unknown headers are dropped. */
export function cellsByKey<K extends string>(
  columns: readonly Column<K>[],
  raw: Readonly<Record<string, string>>,
): Partial<Record<K, string>> {
  const cells: Partial<Record<K, string>> = {};
  for (const [header, value] of Object.entries(raw)) {
    const key = columnFor(columns, header);
    if (key !== undefined) cells[key] = value.trim();
  }
  return cells;
}

/** Whether a header is one we know, used or not (finding the header row under a title). */
export function isKnownHeader<K extends string>(columns: readonly Column<K>[], header: string): boolean {
  const key = headerKey(header);
  return (
    columnFor(columns, header) !== undefined ||
    [...UNUSED_HEADERS, ...NOT_STORED_HEADERS].some((h) => headerKey(h) === key)
  );
}

export interface HeaderCheck {
  problems: string[];
  fatal: boolean;
  /** Columns we do not use, once each, as written. */
  ignored: string[];
  /** Columns present in the file that we never store (身份证号). */
  notStored: string[];
}

/**
 * File-level header problems: duplicated headers and missing required ones (`fatal`: the rows cannot be read
 * reliably). Columns we do not use are not problems: they are listed in `ignored`.
 */
export function headerProblems<K extends string>(
  columns: readonly Column<K>[],
  headers: readonly string[],
  row = 1,
): HeaderCheck {
  const check: HeaderCheck = { problems: [], fatal: false, ignored: [], notStored: [] };
  const notStored = new Set(NOT_STORED_HEADERS.map(headerKey));
  const seen = new Set<K>();
  for (const header of headers) {
    if (headerKey(header) === '') continue;
    const key = columnFor(columns, header);
    if (key === undefined) {
      const list = notStored.has(headerKey(header)) ? check.notStored : check.ignored;
      if (!list.includes(header)) list.push(header);
    } else if (seen.has(key)) {
      check.problems.push(`第${row}行：列「${header}」重复`);
      check.fatal = true;
    } else seen.add(key);
  }
  for (const column of columns.filter((c) => c.required && !seen.has(c.key))) {
    check.problems.push(`第${row}行：缺少必填列「${column.header}」`);
    check.fatal = true;
  }
  return check;
}

/** A branch's kind follows its name: 「退休支部」 → retired; unrecognised names are resident branches. */
export function branchKindFromName(name: string): BranchKind {
  if (name.includes('退休')) return 'retired';
  if (name.includes('在职')) return 'employed';
  if (name.includes('流动')) return 'mobile';
  return 'resident';
}
