/**
 * Imports the member and grid spreadsheets. Every row is validated first (row by row, then across rows);
 * by default one bad row stops the whole file, so a half-applied roster never has to be untangled.
 * FerretDB has no transactions: writes are plain inserts and per-document updates, safe to re-run.
 */
import { Types } from 'mongoose';
import { isBoundUserId, unboundUserId } from '../domain/member-vocabulary.js';
import type { Models } from '../models/index.js';
import { type RawRow, readRecords, tableOf } from '../spreadsheets/read-table.js';
import {
  branchKindFromName,
  type Column,
  cellsByKey,
  GRID_COLUMNS,
  headerProblems,
  ROSTER_COLUMNS,
} from './columns.js';
import { findHeader } from './header-row.js';
import { isWecomUserId, type MemberRow, parseGridRow, parseMemberRow } from './parse-row.js';

export interface ImportOptions {
  communityCode: string;
  /** Needed only when the community does not exist yet. */
  communityName?: string;
  /** Rows as header → text; the first one is spreadsheet row 2. Either this or `file`. */
  rows?: ReadonlyArray<Readonly<Record<string, string>>>;
  /** A .csv (UTF-8, with or without BOM) or .xlsx file (its first sheet). */
  file?: string;
  /** Validate and count, write nothing. */
  dryRun?: boolean;
  /** Apply the valid rows even when others are rejected. */
  allowPartial?: boolean;
}

export interface ImportReport {
  created: number;
  updated: number;
  unchanged: number;
  rejected: Array<{ row: number; problems: string[] }>;
  /** Set when this import created the community. */
  communityCreated?: { code: string; name: string };
  /** Columns the file has that we do not use, once each (only when there are some). */
  ignoredColumns?: string[];
  /** Columns the file has that are never stored, such as 身份证号 (only when there are some). */
  notStoredColumns?: string[];
  /** Rows imported whose 备注 was not (wholly) understood: the secretary should check them. */
  attention?: AttentionRow[];
  /** A dry run's rows as they would be written, for the preview. */
  preview?: PreviewRow[];
}

export interface AttentionRow {
  row: number;
  name: string;
  remarks: string;
  unread: string[];
}

export interface PreviewRow {
  row: number;
  member: MemberRow;
  action: 'create' | 'update' | 'unchanged';
}

/** The header row is found under titles and may be two rows high (src/roster/header-row.ts). */
async function loadRows<K extends string>(
  options: ImportOptions,
  columns: readonly Column<K>[],
): Promise<{ headerRow: number; headers: string[]; rows: RawRow[] }> {
  if (options.file !== undefined) {
    const records = await readRecords(options.file);
    const header = findHeader(columns, records);
    const table = tableOf(records, header.row + header.height - 1, header.headers);
    return { headerRow: header.row, ...table };
  }
  const given = options.rows ?? [];
  const headers = [...new Set(given.flatMap((r) => Object.keys(r)))];
  const rows = given.map((cells, i) => ({ rowNumber: i + 2, cells: { ...cells } }));
  return { headerRow: 1, headers, rows };
}

/** Problems found so far, by spreadsheet row. */
class Problems {
  private readonly byRow = new Map<number, string[]>();
  add(row: number, ...problems: string[]): void {
    if (problems.length > 0) this.byRow.set(row, [...(this.byRow.get(row) ?? []), ...problems]);
  }
  has(row: number): boolean {
    return this.byRow.has(row);
  }
  get rejected(): ImportReport['rejected'] {
    return [...this.byRow].sort(([a], [b]) => a - b).map(([row, problems]) => ({ row, problems }));
  }
}

/**
 * Reads the file and checks its header row; `fatal` when nothing can be read. `emptyReport()` is the report
 * before anything is written: the problems found so far and the columns passed over.
 */
async function start<K extends string>(options: ImportOptions, columns: readonly Column<K>[]) {
  const { headerRow, headers, rows } = await loadRows(options, columns);
  const problems = new Problems();
  const header = headerProblems(columns, headers, headerRow);
  problems.add(headerRow, ...header.problems);
  const columnNotes = {
    ...(header.ignored.length > 0 ? { ignoredColumns: header.ignored } : {}),
    ...(header.notStored.length > 0 ? { notStoredColumns: header.notStored } : {}),
  };
  const emptyReport = (): ImportReport => ({
    created: 0,
    updated: 0,
    unchanged: 0,
    rejected: problems.rejected,
    ...columnNotes,
  });
  return { rows, problems, fatal: header.fatal, emptyReport };
}

/** The community's id; a new one is created (and said so in the report) only with a name for it. */
async function communityIdFor(
  models: Models,
  options: ImportOptions,
  write: boolean,
  report: ImportReport,
): Promise<Types.ObjectId> {
  const found = await models.Community.findOne({ code: options.communityCode }, { _id: 1 }).lean();
  if (found) return found._id;
  if (!options.communityName) {
    throw new Error(
      `社区「${options.communityCode}」还不存在：首次导入请用 --community-name 给出社区名称（如 --community-name 和平里社区）`,
    );
  }
  const _id = new Types.ObjectId();
  if (write) {
    await models.Community.create({
      _id,
      code: options.communityCode,
      name: options.communityName,
      timeZone: 'Asia/Shanghai',
    });
  }
  report.communityCreated = { code: options.communityCode, name: options.communityName };
  return _id;
}

/** JSON with sorted keys (ObjectIds become hex), so stored and imported values compare by content. */
function canonical(value: unknown): string {
  return JSON.stringify(value ?? null, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

/** The fields of `target` whose stored value differs. */
function changedFields(stored: Record<string, unknown>, target: object): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(target).filter(([key, value]) => canonical(stored[key]) !== canonical(value)),
  );
}

/**
 * One row's write, counted in the report: an insert when it is new, a $set of the fields that differ when
 * it exists, nothing when it is the same — which is what makes re-importing a file change nothing.
 */
function writeFor(
  existing: { _id: unknown } | undefined,
  target: Record<string, unknown>,
  communityId: unknown,
  report: ImportReport,
): { op: Record<string, unknown> | null; action: PreviewRow['action'] } {
  if (!existing) {
    report.created++;
    return { op: { insertOne: { document: { communityId, ...target } } }, action: 'create' };
  }
  const changed = changedFields(existing as Record<string, unknown>, target);
  if (Object.keys(changed).length === 0) {
    report.unchanged++;
    return { op: null, action: 'unchanged' };
  }
  report.updated++;
  return {
    op: { updateOne: { filter: { _id: existing._id }, update: { $set: changed } } },
    action: 'update',
  };
}

export async function importRoster(models: Models, options: ImportOptions): Promise<ImportReport> {
  const { rows, problems, fatal, emptyReport } = await start(options, ROSTER_COLUMNS);
  if (fatal) return emptyReport();

  const community = await models.Community.findOne({ code: options.communityCode }, { _id: 1 }).lean();
  const grids = community ? await models.Grid.find({ communityId: community._id }).lean() : [];
  const gridId = (text: string) =>
    (grids.find((g) => g.code.toLowerCase() === text.toLowerCase()) ?? grids.find((g) => g.name === text))
      ?._id;

  // A row is one person: by WeCom userid when the file has them, else by name and phone.
  const sameRows = new Map<string, number[]>();
  for (const { rowNumber, cells } of rows) {
    const key = rowIdentity(cellsByKey(ROSTER_COLUMNS, cells));
    if (key) sameRows.set(key, [...(sameRows.get(key) ?? []), rowNumber]);
  }

  const valid: Array<{ rowNumber: number; row: MemberRow }> = [];
  for (const { rowNumber, cells } of rows) {
    const parsed = parseMemberRow(cells, rowNumber);
    if (!parsed.ok) problems.add(rowNumber, ...parsed.problems);
    // Cross-row checks read the raw cells, so a row with other problems still hears about these.
    const raw = cellsByKey(ROSTER_COLUMNS, cells);
    const others = (sameRows.get(rowIdentity(raw) ?? '') ?? []).filter((n) => n !== rowNumber);
    if (others.length > 0) {
      problems.add(
        rowNumber,
        raw.wecomUserId
          ? `第${rowNumber}行：企业微信账号「${raw.wecomUserId}」与第${others.join('、')}行重复`
          : `第${rowNumber}行：「${raw.name}」与第${others.join('、')}行同名且电话相同（同一人只填一行）`,
      );
    }
    if (raw.grid && !gridId(raw.grid)) {
      problems.add(rowNumber, `第${rowNumber}行：网格「${raw.grid}」不存在（请先导入网格）`);
    }
    if (parsed.ok && !problems.has(rowNumber)) valid.push({ rowNumber, row: parsed.value });
  }
  const report = emptyReport();
  const attention = valid.flatMap(({ rowNumber, row }) =>
    row.remarks && row.remarks.unread.length > 0
      ? [{ row: rowNumber, name: row.name, remarks: row.remarks.text, unread: row.remarks.unread }]
      : [],
  );
  if (attention.length > 0) report.attention = attention;
  if (report.rejected.length > 0 && !options.allowPartial) return report;
  if (valid.length === 0) return report;

  const write = !options.dryRun;
  const communityId = await communityIdFor(models, options, write, report);
  const members = valid.map((v) => v.row);
  const branchIds = await branchIdsFor(models, communityId, members, write);
  const groupIds = await groupIdsFor(models, communityId, members, branchIds, write);

  const stored = await models.Member.find({ communityId }).lean();
  const storedFor = storedMatcher(stored);
  const ops: Parameters<typeof models.Member.bulkWrite>[0] = [];
  const preview: PreviewRow[] = [];
  for (const { rowNumber, row } of valid) {
    const branchId = row.branch ? branchIds.get(row.branch) : undefined;
    const existing = storedFor(row);
    const fields = memberFields(row, {
      branchId: refOf(row.branch, () => branchId),
      partyGroupId: refOf(row.partyGroup, () => groupIds.get(`${branchId}|${row.partyGroup}`)),
      gridId: refOf(row.grid, () => gridId(`${row.grid}`)),
    });
    const { op, action } = writeFor(existing, existing ? fields : withNewId(fields), communityId, report);
    if (op) ops.push(op as (typeof ops)[number]);
    preview.push({ row: rowNumber, member: row, action });
  }
  if (write && ops.length > 0) await models.Member.bulkWrite(ops, { ordered: true });
  if (!write) report.preview = preview;
  return report;
}

/** The key that makes two rows of one file the same person. */
function rowIdentity(cells: { wecomUserId?: string; name?: string; phone?: string }): string | undefined {
  if (cells.wecomUserId) return `id:${cells.wecomUserId.toLowerCase()}`;
  return cells.name ? `name:${cells.name}|${(cells.phone ?? '').replace(/\D/g, '')}` : undefined;
}

type StoredMember = { _id: Types.ObjectId; wecomUserId: string; name: string; phone?: string | null };

/**
 * The stored member a row updates: the same WeCom userid; else, for a row without one (or a member imported
 * from a 花名册 and not yet bound), the one stored member of that name — or of that name and phone when
 * several share it. Re-importing a 花名册 therefore never duplicates anyone, and keeps bindings.
 */
function storedMatcher(stored: StoredMember[]) {
  const byId = new Map(stored.map((m) => [m.wecomUserId.toLowerCase(), m]));
  return (row: MemberRow): StoredMember | undefined => {
    if (row.wecomUserId) {
      const same = byId.get(row.wecomUserId.toLowerCase());
      if (same) return same;
    }
    const named = stored.filter(
      (m) => m.name === row.name && (row.wecomUserId === null || !isBoundUserId(m.wecomUserId)),
    );
    if (named.length <= 1) return named[0];
    return named.find((m) => (m.phone ?? null) === (row.phone ?? null));
  };
}

/** A new member's fields: its id chosen here, so a row without a userid can carry its unbound mark. */
function withNewId(fields: ReturnType<typeof memberFields>) {
  const _id = new Types.ObjectId();
  return { _id, ...fields, wecomUserId: fields.wecomUserId ?? unboundUserId(_id.toHexString()) };
}

type Ref = Types.ObjectId | null | undefined;

/** A reference column: absent → undefined (leave alone), empty → null, else the id looked up. */
const refOf = (cell: string | null | undefined, id: () => Types.ObjectId | undefined): Ref =>
  cell === undefined ? undefined : cell === null ? null : (id() ?? null);

/** The document fields a row sets; absent columns set nothing. */
function memberFields(row: MemberRow, refs: { branchId: Ref; partyGroupId: Ref; gridId: Ref }) {
  const optional = {
    ...refs,
    roles: row.roles,
    duesCategory: row.duesCategory,
    status: row.status,
    mobility: row.mobility,
    probationary: row.probationary,
    plainTextOnly: row.plainTextOnly,
    joinedOn: row.joinedOn,
    phone: row.phone,
    address: row.address,
    proxyPayer: row.proxyPayer,
    monthlyDuesFenOverride: row.monthlyDuesFen,
  };
  const present = Object.entries(optional).filter(([, v]) => v !== undefined);
  // A row without a userid leaves the stored one alone: it may have been bound since.
  const id = row.wecomUserId === null ? {} : { wecomUserId: row.wecomUserId };
  return { ...id, name: row.name, ...Object.fromEntries(present) } as {
    wecomUserId?: string;
    name: string;
  } & Partial<typeof optional>;
}

/** Branches named in the file, created when missing (their kind follows the name). */
async function branchIdsFor(
  models: Models,
  communityId: Types.ObjectId,
  rows: readonly MemberRow[],
  write: boolean,
) {
  const names = [...new Set(rows.flatMap((r) => (r.branch ? [r.branch] : [])))];
  const found = await models.Branch.find({ communityId, name: { $in: names } }, { name: 1 }).lean();
  const ids = new Map(found.map((b) => [b.name, b._id]));
  const missing = names
    .filter((name) => !ids.has(name))
    .map((name) => ({ _id: new Types.ObjectId(), communityId, name, kind: branchKindFromName(name) }));
  if (write && missing.length > 0) await models.Branch.insertMany(missing);
  for (const b of missing) ids.set(b.name, b._id);
  return ids;
}

/** Party groups named in the file, keyed "branchId|name", created when missing. */
async function groupIdsFor(
  models: Models,
  communityId: Types.ObjectId,
  rows: readonly MemberRow[],
  branchIds: Map<string, Types.ObjectId>,
  write: boolean,
) {
  const wanted = new Map<string, { branchId: Types.ObjectId; name: string }>();
  for (const row of rows) {
    const branchId = row.branch ? branchIds.get(row.branch) : undefined;
    if (branchId && row.partyGroup)
      wanted.set(`${branchId}|${row.partyGroup}`, { branchId, name: row.partyGroup });
  }
  const found = await models.PartyGroup.find({ communityId }, { branchId: 1, name: 1 }).lean();
  const ids = new Map(found.map((g) => [`${g.branchId}|${g.name}`, g._id]));
  const missing = [...wanted]
    .filter(([key]) => !ids.has(key))
    .map(([key, g]) => ({ key, doc: { _id: new Types.ObjectId(), communityId, ...g } }));
  if (write && missing.length > 0) await models.PartyGroup.insertMany(missing.map((m) => m.doc));
  for (const m of missing) ids.set(m.key, m.doc._id);
  return ids;
}

/**
 * Grids, upserted by code. 网格长 is a WeCom userid, or a member's name when the members are already
 * imported (the demo imports grids first, so it uses userids). A building may belong to one grid only.
 */
export async function importGrids(models: Models, options: ImportOptions): Promise<ImportReport> {
  const { rows, problems, fatal, emptyReport } = await start(options, GRID_COLUMNS);
  if (fatal) return emptyReport();

  const community = await models.Community.findOne({ code: options.communityCode }, { _id: 1 }).lean();
  const stored = community ? await models.Grid.find({ communityId: community._id }).lean() : [];
  const parsed = rows.flatMap(({ rowNumber, cells }) => {
    const result = parseGridRow(cells, rowNumber);
    if (result.ok) return [{ rowNumber, row: result.value }];
    problems.add(rowNumber, ...result.problems);
    return [];
  });

  const codeRows = new Map<string, number>();
  const buildingOwner = new Map<string, string>();
  for (const grid of stored) for (const b of grid.buildings) buildingOwner.set(b, `网格${grid.code}`);
  const fileCodes = new Set(parsed.map(({ row }) => row.code.toLowerCase()));
  for (const grid of stored)
    if (fileCodes.has(grid.code.toLowerCase())) for (const b of grid.buildings) buildingOwner.delete(b);

  const leaderNames = parsed.flatMap(({ row }) =>
    row.leader && !isWecomUserId(row.leader) ? [row.leader] : [],
  );
  const namedMembers =
    community && leaderNames.length > 0
      ? await models.Member.find({ communityId: community._id, name: { $in: leaderNames } }).lean()
      : [];

  const valid: Array<{
    code: string;
    name: string;
    leaderUserId?: string | null;
    buildings?: string[];
    addresses?: string[];
  }> = [];
  for (const { rowNumber, row } of parsed) {
    const problem = (text: string) => problems.add(rowNumber, `第${rowNumber}行：${text}`);
    const code = row.code.toLowerCase();
    const firstRow = codeRows.get(code);
    if (firstRow !== undefined) problem(`网格编号「${row.code}」与第${firstRow}行重复`);
    else codeRows.set(code, rowNumber);
    for (const b of row.buildings ?? []) {
      const owner = buildingOwner.get(b);
      if (owner) problem(`楼栋「${b}」已属于${owner}`);
      else buildingOwner.set(b, `第${rowNumber}行的网格`);
    }
    let leaderUserId = row.leader;
    if (row.leader && !isWecomUserId(row.leader)) {
      const matches = namedMembers.filter((m) => m.name === row.leader);
      if (matches.length === 1) leaderUserId = matches[0]?.wecomUserId;
      else if (matches.length === 0)
        problem(`网格长「${row.leader}」不是企业微信账号，也找不到这个名字的党员`);
      else problem(`网格长「${row.leader}」有${matches.length}人同名，请改写企业微信账号`);
    }
    if (problems.has(rowNumber)) continue;
    const target = {
      code: row.code,
      name: row.name,
      leaderUserId,
      buildings: row.buildings,
      addresses: row.addresses,
    };
    valid.push(
      Object.fromEntries(Object.entries(target).filter(([, v]) => v !== undefined)) as typeof target,
    );
  }
  const report = emptyReport();
  if ((report.rejected.length > 0 && !options.allowPartial) || valid.length === 0) return report;

  const write = !options.dryRun;
  const communityId = await communityIdFor(models, options, write, report);
  const storedByCode = new Map(stored.map((g) => [g.code.toLowerCase(), g]));
  const ops: Parameters<typeof models.Grid.bulkWrite>[0] = [];
  for (const target of valid) {
    const { op } = writeFor(storedByCode.get(target.code.toLowerCase()), target, communityId, report);
    if (op) ops.push(op as (typeof ops)[number]);
  }
  if (write && ops.length > 0) await models.Grid.bulkWrite(ops, { ordered: true });
  return report;
}
