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
    required: true,
  },
  { key: 'name', header: '姓名', aliases: ['name'], required: true },
  { key: 'branch', header: '支部', aliases: ['branch', '所在支部'] },
  { key: 'partyGroup', header: '党小组', aliases: ['partyGroup', 'group'] },
  { key: 'grid', header: '网格', aliases: ['grid'] },
  { key: 'roles', header: '角色', aliases: ['roles', 'role'] },
  { key: 'duesCategory', header: '人员类别', aliases: ['duesCategory', 'category', '类别'] },
  { key: 'status', header: '状态', aliases: ['status'] },
  { key: 'phone', header: '手机', aliases: ['phone', 'mobile', '手机号', '电话', '联系电话'] },
  { key: 'address', header: '住址', aliases: ['address', '地址'] },
  { key: 'monthlyDues', header: '月党费(元)', aliases: ['monthlyDues', '月党费'] },
  { key: 'proxyPayer', header: '代缴人', aliases: ['proxyPayer', '代交人'] },
  { key: 'joinedOn', header: '入党日期', aliases: ['joinedOn', '入党时间'] },
  { key: 'mobileWhereTo', header: '流动去向', aliases: ['mobileWhereTo'] },
  { key: 'mobileSince', header: '流动开始', aliases: ['mobileSince', '流动开始日期'] },
  { key: 'probationary', header: '预备党员', aliases: ['probationary'] },
  { key: 'plainTextOnly', header: '用微信接收', aliases: ['plainTextOnly', '微信接收'] },
] as const satisfies readonly Column<string>[];

export type MemberColumnKey = (typeof MEMBER_COLUMNS)[number]['key'];

export const GRID_COLUMNS = [
  { key: 'code', header: '网格编号', aliases: ['code', 'gridCode'], required: true },
  { key: 'name', header: '网格名称', aliases: ['name', 'gridName'], required: true },
  { key: 'leader', header: '网格长', aliases: ['leader', 'leaderUserId'] },
  { key: 'buildings', header: '楼栋', aliases: ['buildings', '楼号'] },
] as const satisfies readonly Column<string>[];

export type GridColumnKey = (typeof GRID_COLUMNS)[number]['key'];

/** Columns people commonly add for themselves; they are ignored rather than reported. */
export const IGNORED_HEADERS: readonly string[] = ['序号', '备注'];

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

/**
 * File-level header problems: unknown headers (a typo would silently drop a column), duplicated headers and
 * missing required ones. `fatal` means the rows cannot be read reliably at all.
 */
export function headerProblems<K extends string>(
  columns: readonly Column<K>[],
  headers: readonly string[],
): { problems: string[]; fatal: boolean } {
  const problems: string[] = [];
  const ignored = new Set(IGNORED_HEADERS.map(headerKey));
  const seen = new Set<K>();
  let duplicated = false;
  for (const header of headers) {
    if (headerKey(header) === '' || ignored.has(headerKey(header))) continue;
    const key = columnFor(columns, header);
    if (key === undefined) problems.push(`第1行：不认识的列「${header}」`);
    else if (seen.has(key)) {
      problems.push(`第1行：列「${header}」重复`);
      duplicated = true;
    } else seen.add(key);
  }
  const missing = columns.filter((c) => c.required && !seen.has(c.key));
  for (const column of missing) problems.push(`第1行：缺少必填列「${column.header}」`);
  return { problems, fatal: duplicated || missing.length > 0 };
}

/** A branch's kind follows its name: 「退休支部」 → retired; unrecognised names are resident branches. */
export function branchKindFromName(name: string): BranchKind {
  if (name.includes('退休')) return 'retired';
  if (name.includes('在职')) return 'employed';
  if (name.includes('流动')) return 'mobile';
  return 'resident';
}
