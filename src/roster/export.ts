/**
 * Writes a community's members in the import format (Chinese headers and labels), so an export can be
 * edited and imported again; importing an untouched export changes nothing.
 */
import { writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import {
  DUES_CATEGORY_LABELS,
  isBoundUserId,
  labelOf,
  MEMBER_STATUS_LABELS,
  ROLE_LABELS,
  ROLES,
} from '../domain/member-vocabulary.js';
import type { Models } from '../models/index.js';
import type { Member } from '../models/member.js';
import { loadExcel } from '../spreadsheets/excel.js';
import { MEMBER_COLUMNS, type MemberColumnKey } from './columns.js';

/** 1550 → '15.50', by integer arithmetic. */
export const formatFen = (fen: number): string =>
  `${Math.trunc(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;

/** Writes the roster to a .csv (UTF-8 with BOM, for Excel on Windows) or .xlsx file; returns the member count. */
export async function exportRoster(models: Models, communityCode: string, path: string): Promise<number> {
  const ext = extname(path).toLowerCase();
  if (ext !== '.csv' && ext !== '.xlsx') throw new Error(`只能导出为 .csv 或 .xlsx 文件：${path}`);
  const community = await models.Community.findOne({ code: communityCode }, { _id: 1 }).lean();
  if (!community) throw new Error(`社区「${communityCode}」不存在`);
  const communityId = community._id;
  const [branches, groups, grids, members] = await Promise.all([
    models.Branch.find({ communityId }).lean(),
    models.PartyGroup.find({ communityId }).lean(),
    models.Grid.find({ communityId }).lean(),
    models.Member.find({ communityId }).sort({ _id: 1 }).lean(),
  ]);
  const names = new Map([...branches, ...groups].map((d) => [String(d._id), d.name]));
  const gridCodes = new Map(grids.map((g) => [String(g._id), g.code]));
  const rows = members.map((m) => cellsOf(m, names, gridCodes));
  const headers = MEMBER_COLUMNS.map((c) => c.header);
  const table = rows.map((row) => MEMBER_COLUMNS.map((c) => row[c.key]));
  if (ext === '.csv') await writeFile(path, stringify([headers, ...table], { bom: true }));
  else await writeXlsx(path, headers, table);
  return members.length;
}

/** One member as spreadsheet cells; ids are looked up in `names` (branches, groups) and `gridCodes`. */
function cellsOf(
  m: Member,
  names: Map<string, string>,
  gridCodes: Map<string, string>,
): Record<MemberColumnKey, string> {
  const look = (from: Map<string, string>, id: unknown) => (id ? (from.get(String(id)) ?? '') : '');
  const roles = ROLES.filter((r) => m.roles.includes(r));
  return {
    // Rows nobody has bound export with the column empty, as they came.
    wecomUserId: isBoundUserId(m.wecomUserId) ? m.wecomUserId : '',
    name: m.name,
    branch: look(names, m.branchId),
    partyGroup: look(names, m.partyGroupId),
    grid: look(gridCodes, m.gridId),
    roles: roles.map((r) => labelOf(ROLE_LABELS, r)).join('、'),
    duesCategory: labelOf(DUES_CATEGORY_LABELS, m.duesCategory),
    status: labelOf(MEMBER_STATUS_LABELS, m.status),
    phone: m.phone ?? '',
    address: m.address ? `${m.address.building}${m.address.unit}${m.address.room}` : '',
    monthlyDues:
      m.monthlyDuesFenOverride === null || m.monthlyDuesFenOverride === undefined
        ? ''
        : formatFen(m.monthlyDuesFenOverride),
    proxyPayer: m.proxyPayer
      ? `${m.proxyPayer.name}${m.proxyPayer.relation ? `（${m.proxyPayer.relation}）` : ''}`
      : '',
    joinedOn: m.joinedOn ?? '',
    mobileWhereTo: m.status === 'mobile' ? (m.mobility?.whereTo ?? '') : '',
    mobileSince: m.status === 'mobile' ? (m.mobility?.since ?? '') : '',
    probationary: m.probationary ? '是' : '否',
    plainTextOnly: m.plainTextOnly ? '是' : '否',
  };
}

/** Every cell is text, so phones, dates and 15.00 stay exactly as written. */
async function writeXlsx(path: string, headers: string[], table: string[][]): Promise<void> {
  const workbook = new (await loadExcel()).Workbook();
  const sheet = workbook.addWorksheet('党员名册', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow(headers).font = { bold: true };
  for (const row of table) sheet.addRow(row);
  sheet.columns.forEach((column, i) => {
    column.numFmt = '@';
    column.width = Math.min(
      40,
      Math.max(8, ...[headers[i] ?? '', ...table.map((r) => r[i] ?? '')].map((s) => s.length * 2)),
    );
  });
  await workbook.xlsx.writeFile(path);
}
