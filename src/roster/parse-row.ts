/**
 * Pure parsing of one roster row: accepts what people actually type into the spreadsheet and returns
 * either a validated row or every problem, in Chinese, prefixed with the spreadsheet row number.
 */
import {
  codeForLabel,
  DUES_CATEGORY_LABELS,
  type DuesCategory,
  MEMBER_STATUS_LABELS,
  type MemberStatus,
  ROLE_LABELS,
  ROLES,
  type Role,
} from '../domain/member-vocabulary.js';
import { cellsByKey, GRID_COLUMNS, ROSTER_COLUMNS } from './columns.js';
import { readRemarks } from './remarks.js';

export interface Address {
  building: string;
  unit: string;
  room: string;
}
export interface ProxyPayer {
  name: string;
  relation: string;
}
export interface Mobility {
  whereTo: string;
  since: string | null;
}

/**
 * A validated member row. A property is undefined when its column is absent from the file (the import then
 * leaves that field alone); null means the cell was empty (the field is cleared).
 */
export interface MemberRow {
  /** Null when the roster has none (a 花名册): the member binds their WeCom account on first writing. */
  wecomUserId: string | null;
  name: string;
  branch?: string | null;
  partyGroup?: string | null;
  /** Grid code or name, resolved by the import. */
  grid?: string | null;
  roles?: Role[];
  duesCategory?: DuesCategory;
  status?: MemberStatus;
  /** Defined exactly when 状态 is: null unless the status is 流动. */
  mobility?: Mobility | null;
  probationary?: boolean;
  /** Messages as plain text instead of cards (read through the WeChat plugin, which shows cards poorly). */
  plainTextOnly?: boolean;
  /** YYYY-MM-DD, or YYYY-MM when the roster gives only the month (1956.03). */
  joinedOn?: string | null;
  phone?: string | null;
  address?: Address | null;
  proxyPayer?: ProxyPayer | null;
  monthlyDuesFen?: number | null;
  /** The 备注 as written, and why the secretary should look at it (empty when it was all understood). */
  remarks?: { text: string; unread: string[] };
}

export interface GridRow {
  code: string;
  name: string;
  /** A WeCom userid, or a member's name that the import resolves. */
  leader?: string | null;
  buildings?: string[];
  addresses?: string[];
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; problems: string[] };

/** Monthly dues above this are voluntary large payments (大额党费), handled outside the register. */
const MAX_MONTHLY_DUES_FEN = 100_000;

/** WeCom's rule for a userid: letters, digits, _ - @ . ; first a letter or digit; at most 64. */
const WECOM_USERID = /^[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}$/;
export const isWecomUserId = (text: string): boolean => WECOM_USERID.test(text);

const LIST_SEPARATORS = /[、,，/;；]+/;

/** Several values in one cell, joined by 、 , ， / or ;. */
export const splitList = (text: string): string[] =>
  text
    .split(LIST_SEPARATORS)
    .map((s) => s.replace(/\s+/g, ''))
    .filter((s) => s !== '');

/** 2019-07-01, 2019-7-1, 2019/7/1, 2019.7.1, 2019年7月1日 → '2019-07-01'; impossible dates → undefined. */
export function parseDate(text: string): string | undefined {
  const t = text.replace(/\s+/g, '');
  const m = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$/.exec(t) ?? /^(\d{4})(年)(\d{1,2})月(\d{1,2})日?$/.exec(t);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[3]), Number(m[4])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return undefined;
  }
  return `${m[1]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * A date to the precision written: full dates as parseDate, and year-months (1956.03, 1956.3, 1987年7月,
 * 1987-07, 1987/7) as 'YYYY-MM'. Rosters often record 入党时间 to the month only.
 */
export function parseRecordedDate(text: string): string | undefined {
  const full = parseDate(text);
  if (full) return full;
  const t = text.replace(/\s+/g, '');
  const m = /^(\d{4})(?:[-/.]|年)(\d{1,2})月?$/.exec(t);
  const month = Number(m?.[2]);
  if (!m || month < 1 || month > 12) return undefined;
  return `${m[1]}-${String(month).padStart(2, '0')}`;
}

/** 15, 15.5, 15.50, ￥15, 15元 → fen, by string arithmetic so no float rounding is involved. */
export function parseYuanToFen(text: string): number | undefined {
  const t = text
    .replace(/\s+/g, '')
    .replace(/^[￥¥]/, '')
    .replace(/元$/, '');
  const m = /^(\d{1,7})(?:\.(\d{1,2}))?$/.exec(t);
  if (!m) return undefined;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/**
 * A mainland mobile (stored as 11 digits, +86 dropped), a landline with its area code (stored as
 * 010-62345678; area codes 010 and 02x have three digits, all others four) or a local landline of 7–8 digits
 * as a 花名册 writes it (62345678). A cell with several numbers (「62345678、13812345678」) gives the mobile.
 */
export function parsePhone(text: string): string | undefined {
  const numbers = text.split(/[、,，/;；]+|\s{2,}/).map((part) => onePhone(part));
  const read = numbers.filter((n) => n !== undefined);
  if (read.length === 0 || read.length < numbers.length) return undefined;
  return read.find((n) => !n.includes('-') && n.length === 11) ?? read[0];
}

function onePhone(text: string): string | undefined {
  const t = text.replace(/\s+/g, '');
  const mobile = /^(?:\+?86|0086)?(1[3-9]\d{9})$/.exec(t.replace(/-/g, ''));
  if (mobile) return mobile[1];
  const landline = /^[(（]?(010|02\d|0[3-9]\d{2})[)）]?-?([2-9]\d{6,7})$/.exec(t);
  if (landline) return `${landline[1]}-${landline[2]}`;
  if (/^[2-9]\d{6,7}$/.test(t)) return t;
  return undefined;
}

/** 「5号楼2单元301」, 「5栋2单元301室」, 「东区12幢」 → parts; the building keeps its written form. */
export function parseAddress(text: string): Address | undefined {
  const t = text.replace(/\s+/g, '');
  const m =
    /^(.*?[0-9A-Za-z一二三四五六七八九十]+(?:号楼|栋|幢|座))(?:([0-9一二三四五六七八九十]+)单元)?(?:(\d+[A-Za-z]?)(?:室|号)?)?$/.exec(
      t,
    );
  if (!m?.[1]) return undefined;
  return { building: m[1], unit: m[2] ? `${m[2]}单元` : '', room: m[3] ?? '' };
}

/** 「王小红(女儿)」, 「王小红（女儿）」, 「王小红 女儿」, 「王小红」. */
export function parseProxyPayer(text: string): ProxyPayer | undefined {
  const t = text.trim();
  const m =
    /^([^\s(（)）]+)\s*[(（]\s*([^()（）]*?)\s*[)）]$/.exec(t) ??
    /^([^\s(（)）]+)\s+([^\s(（)）]+)$/.exec(t) ??
    /^([^\s(（)）]+)()$/.exec(t);
  if (!m?.[1]) return undefined;
  return { name: m[1], relation: m[2] ?? '' };
}

/**
 * Roles in a fixed order. Everyone is a Party member ('member') unless listed as 社工: community staff are
 * often not Party members, so they get 'member' only when 党员 is written too.
 */
export function parseRoles(text: string): { roles: Role[]; unknown: string[] } {
  const found = new Set<Role>();
  const unknown: string[] = [];
  for (const word of splitList(text)) {
    const role = codeForLabel(ROLE_LABELS, word);
    if (role) found.add(role);
    else unknown.push(word);
  }
  if (!found.has('staff')) found.add('member');
  return { roles: ROLES.filter((r) => found.has(r)), unknown };
}

const YES = ['是', 'y', 'yes', 'true', '1'];
const NO = ['否', '', 'n', 'no', 'false', '0'];

const choices = (labels: Record<string, readonly string[]>): string =>
  Object.values(labels)
    .map((words) => words[0])
    .join('、');

/** One member row (header → text) → a MemberRow, or every problem found in it. */
export function parseMemberRow(
  raw: Readonly<Record<string, string>>,
  rowNumber: number,
): ParseResult<MemberRow> {
  const cells = cellsByKey(ROSTER_COLUMNS, raw);
  const problems: string[] = [];
  const problem = (text: string) => problems.push(`第${rowNumber}行：${text}`);
  const orNull = (text: string | undefined) => (text === undefined ? undefined : text === '' ? null : text);

  const wecomUserId = cells.wecomUserId || null;
  if (wecomUserId !== null && !isWecomUserId(wecomUserId)) {
    problem(`企业微信账号「${wecomUserId}」不合规（只能用字母、数字和 _ - @ .，以字母或数字开头，最长64位）`);
  }
  const name = cells.name ?? '';
  if (name === '') problem('缺少姓名');

  const row: MemberRow = {
    wecomUserId,
    name,
    branch: orNull(cells.branch),
    // A group belongs to its branch: a file that sets branches without a 党小组 column clears the groups.
    partyGroup: orNull(cells.partyGroup ?? (cells.branch === undefined ? undefined : '')),
    grid: orNull(cells.grid),
  };
  if (row.partyGroup && !row.branch) problem(`党小组「${row.partyGroup}」没有填写所属支部`);

  if (cells.roles !== undefined) {
    const { roles, unknown } = parseRoles(cells.roles);
    for (const word of unknown) problem(`角色「${word}」不认识（可填：${choices(ROLE_LABELS)}）`);
    row.roles = roles;
  }
  if (cells.duesCategory !== undefined) {
    const code = cells.duesCategory === '' ? 'other' : codeForLabel(DUES_CATEGORY_LABELS, cells.duesCategory);
    if (code) row.duesCategory = code;
    else problem(`人员类别「${cells.duesCategory}」不认识（可填：${choices(DUES_CATEGORY_LABELS)}）`);
  }

  const whereTo = cells.mobileWhereTo ?? '';
  const since = cells.mobileSince ?? '';
  let sinceDate: string | null = null;
  if (since !== '') {
    sinceDate = parseDate(since) ?? null;
    if (sinceDate === null) problem(`流动开始「${since}」不是有效日期`);
  }
  if (cells.status !== undefined) {
    const code = cells.status === '' ? 'active' : codeForLabel(MEMBER_STATUS_LABELS, cells.status);
    if (code) row.status = code;
    else problem(`状态「${cells.status}」不认识（可填：${choices(MEMBER_STATUS_LABELS)}）`);
    if (code === 'mobile') {
      if (whereTo === '') problem('状态为流动时须填写流动去向');
      row.mobility = { whereTo, since: sinceDate };
    } else {
      if (code && (whereTo !== '' || since !== '')) problem('流动去向、流动开始只用于状态为流动的党员');
      row.mobility = null;
    }
  } else if (whereTo !== '' || since !== '') {
    problem('填写流动去向、流动开始时须同时有「状态」列');
  }

  // 是/否 columns: absent leaves the member's setting alone.
  const flag = (cell: string | undefined, label: string): boolean | undefined => {
    if (cell === undefined) return undefined;
    const word = cell.toLowerCase();
    if (YES.includes(word)) return true;
    if (NO.includes(word)) return false;
    problem(`${label}「${cell}」请填「是」或「否」`);
    return undefined;
  };
  row.probationary = flag(cells.probationary, '预备党员');
  row.plainTextOnly = flag(cells.plainTextOnly, '用微信接收');

  if (cells.joinedOn !== undefined) {
    row.joinedOn = null;
    if (cells.joinedOn !== '') {
      const date = parseRecordedDate(cells.joinedOn);
      if (!date) problem(`入党日期「${cells.joinedOn}」不是有效日期`);
      else if (date < '1921-07') problem(`入党日期「${cells.joinedOn}」早于建党（1921年7月）`);
      else row.joinedOn = date;
    }
  }

  if (cells.phone !== undefined) {
    row.phone = null;
    if (cells.phone !== '') {
      row.phone = parsePhone(cells.phone) ?? null;
      if (row.phone === null)
        problem(`手机「${cells.phone}」不是有效号码（11位手机号，或带区号的座机如010-62345678）`);
    }
  }

  if (cells.address !== undefined) {
    row.address = null;
    if (cells.address !== '') {
      row.address = parseAddress(cells.address) ?? null;
      if (row.address === null) problem(`住址「${cells.address}」看不懂（请写成「5号楼2单元301」）`);
    }
  }

  if (cells.proxyPayer !== undefined) {
    row.proxyPayer = null;
    if (cells.proxyPayer !== '') {
      row.proxyPayer = parseProxyPayer(cells.proxyPayer) ?? null;
      if (row.proxyPayer === null) problem(`代缴人「${cells.proxyPayer}」看不懂（请写成「王小红（女儿）」）`);
    }
  }

  if (cells.monthlyDues !== undefined) {
    row.monthlyDuesFen = null;
    if (cells.monthlyDues !== '') {
      const fen = parseYuanToFen(cells.monthlyDues);
      if (fen === undefined) problem(`月党费「${cells.monthlyDues}」不是有效金额（如 15 或 15.50）`);
      else if (fen > MAX_MONTHLY_DUES_FEN) {
        problem(`月党费「${cells.monthlyDues}」超过1000元（超出部分属自愿交纳的大额党费，不在名册登记）`);
      } else row.monthlyDuesFen = fen;
    }
  }

  if (cells.remarks) applyRemarks(row, cells.remarks, cells);

  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: row };
}

/**
 * What the 备注 says fills the columns the file does not have (a 花名册 has no 角色, 状态, 预备党员 or 代缴人
 * column): an explicit column always wins. Parts not understood are kept for the secretary to check.
 */
function applyRemarks(row: MemberRow, text: string, cells: Partial<Record<string, string>>): void {
  const said = readRemarks(text);
  const unread = [...said.unread];
  if (cells.roles === undefined && said.roles.length > 0) row.roles = parseRoles(said.roles.join('、')).roles;
  if (cells.status === undefined && said.status !== undefined) {
    row.status = said.status;
    row.mobility = said.status === 'mobile' ? { whereTo: said.whereTo ?? '', since: null } : null;
    if (said.status === 'mobile' && !said.whereTo) unread.push('流动去向未写明');
  }
  if (cells.probationary === undefined && said.probationary) row.probationary = true;
  if (cells.proxyPayer === undefined && said.proxyPayer) row.proxyPayer = said.proxyPayer;
  if (cells.duesCategory === undefined && said.duesCategory) row.duesCategory = said.duesCategory;
  row.remarks = { text, unread };
}

/** One grid row → a GridRow, or every problem found in it. */
export function parseGridRow(raw: Readonly<Record<string, string>>, rowNumber: number): ParseResult<GridRow> {
  const cells = cellsByKey(GRID_COLUMNS, raw);
  const problems: string[] = [];
  const problem = (text: string) => problems.push(`第${rowNumber}行：${text}`);
  const code = cells.code ?? '';
  if (code === '') problem('缺少网格编号');
  const name = cells.name ?? '';
  if (name === '') problem('缺少网格名称');
  const row: GridRow = { code, name };
  if (cells.leader !== undefined) row.leader = cells.leader === '' ? null : cells.leader;
  if (cells.buildings !== undefined) {
    const buildings = splitList(cells.buildings);
    const seen = new Set<string>();
    for (const b of buildings) {
      if (seen.has(b)) problem(`楼栋「${b}」重复`);
      seen.add(b);
    }
    row.buildings = buildings;
  }
  if (cells.addresses !== undefined) row.addresses = splitList(cells.addresses);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: row };
}
