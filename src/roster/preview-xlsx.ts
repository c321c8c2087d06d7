/** A dry run's preview as a spreadsheet the secretary can open: the summary, every row as read, what to check. */
import ExcelJS from 'exceljs';
import { addTable, type Cell } from '../desk/exports/sheet.js';
import {
  DUES_CATEGORY_LABELS,
  labelOf,
  MEMBER_STATUS_LABELS,
  ROLE_LABELS,
} from '../domain/member-vocabulary.js';
import type { ImportReport } from './import.js';

/** 花名册.xlsx → 花名册-导入预览.xlsx beside it. */
export const previewPath = (file: string): string => file.replace(/(\.[^./\\]+)?$/, '-导入预览.xlsx');

const ACTION = { create: '新增', update: '更新', unchanged: '未变' } as const;

export async function writePreviewXlsx(
  path: string,
  title: string,
  summary: readonly string[],
  report: ImportReport,
): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  addTable(
    workbook,
    '概览',
    title,
    [{ header: '说明', width: 100 }],
    summary.map((line) => [line.trim()]),
  );
  const rows: Cell[][] = (report.preview ?? []).map(({ row, member: m, action }) => [
    row,
    m.name,
    m.branch ?? '',
    (m.roles ?? ['member']).map((r) => labelOf(ROLE_LABELS, r)).join('、'),
    m.status ? labelOf(MEMBER_STATUS_LABELS, m.status) : '正常',
    m.mobility?.whereTo ?? '',
    m.probationary ? '是' : '',
    m.proxyPayer ? `${m.proxyPayer.name}${m.proxyPayer.relation ? `（${m.proxyPayer.relation}）` : ''}` : '',
    m.duesCategory ? labelOf(DUES_CATEGORY_LABELS, m.duesCategory) : '',
    m.joinedOn ?? '',
    m.phone ?? '',
    m.address ? `${m.address.building}${m.address.unit}${m.address.room}` : '',
    m.wecomUserId ?? '待本人绑定',
    m.remarks?.text ?? '',
    ACTION[action],
  ]);
  addTable(
    workbook,
    '党员',
    '按导入读到的内容',
    [
      { header: '行号', width: 6 },
      { header: '姓名', width: 10 },
      { header: '支部', width: 18 },
      { header: '角色', width: 18 },
      { header: '状态', width: 8 },
      { header: '流动去向', width: 14 },
      { header: '预备党员', width: 8 },
      { header: '代缴人', width: 16 },
      { header: '人员类别', width: 8 },
      { header: '入党日期', width: 12 },
      { header: '电话', width: 14 },
      { header: '住址', width: 18 },
      { header: '企业微信账号', width: 14 },
      { header: '备注', width: 24 },
      { header: '导入时', width: 8 },
    ],
    rows,
  );
  const check: Cell[][] = [
    ...report.rejected.map((r) => [r.row, '', '', r.problems.join('；')]),
    ...(report.attention ?? []).map((a) => [a.row, a.name, a.remarks, `没看懂：${a.unread.join('、')}`]),
  ];
  addTable(
    workbook,
    '需核对',
    '需要书记核对的行',
    [
      { header: '行号', width: 6 },
      { header: '姓名', width: 10 },
      { header: '备注', width: 30 },
      { header: '问题', width: 60 },
    ],
    check.sort((a, b) => Number(a[0]) - Number(b[0])),
  );
  await workbook.xlsx.writeFile(path);
}
