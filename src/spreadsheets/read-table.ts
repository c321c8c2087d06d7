/** Reads the spreadsheets officers hand us (the roster, study schedules): .csv or .xlsx, first sheet, as text. */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import { loadExcel } from './excel.js';

export interface RawRow {
  /** As the spreadsheet shows it: the header is row 1. */
  rowNumber: number;
  cells: Record<string, string>;
}

/** Reads the first sheet of a .csv or .xlsx file with its header on row 1. */
export async function readTable(file: string): Promise<{ headers: string[]; rows: RawRow[] }> {
  const records = await readRecords(file);
  return tableOf(
    records,
    1,
    (records[0] ?? []).map((h) => h.trim()),
  );
}

/** Every row of the first sheet as the text each cell shows; index 0 is spreadsheet row 1. */
export async function readRecords(file: string): Promise<string[][]> {
  const ext = extname(file).toLowerCase();
  if (ext === '.csv') return readCsv(file);
  if (ext === '.xlsx') return readXlsx(file);
  throw new Error(`只能读取 .csv 或 .xlsx 文件：${file}`);
}

/** The rows below the header (which takes `headerRows` rows); blank rows are skipped but keep their numbers. */
export function tableOf(
  records: readonly string[][],
  headerRows: number,
  headers: string[],
): { headers: string[]; rows: RawRow[] } {
  const rows: RawRow[] = [];
  records.slice(headerRows).forEach((record, i) => {
    if (record.every((cell) => cell.trim() === '')) return;
    const cells: Record<string, string> = {};
    headers.forEach((header, col) => {
      if (header !== '') cells[header] = record[col] ?? '';
    });
    rows.push({ rowNumber: i + headerRows + 1, cells });
  });
  return { headers, rows };
}

async function readCsv(file: string): Promise<string[][]> {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(await readFile(file));
  } catch (err) {
    if (!(err instanceof TypeError)) throw err;
    // Excel's plain "CSV" on Chinese Windows is GBK.
    throw new Error(`${file} 不是 UTF-8 编码：请在 Excel 中另存为「CSV UTF-8（逗号分隔）」`);
  }
  return parse(text, { bom: true, relax_column_count: true, skip_empty_lines: false }) as string[][];
}

async function readXlsx(file: string): Promise<string[][]> {
  const workbook = new (await loadExcel()).Workbook();
  await workbook.xlsx.readFile(file);
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const records: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let col = 1; col <= sheet.columnCount; col++) {
      const cell = row.getCell(col);
      cells.push(cellText(cell.value, cell.numFmt));
    }
    records[rowNumber - 1] = cells;
  });
  return Array.from(records, (r) => r ?? []);
}

/**
 * The text a cell shows. A number keeps the decimals its format shows (1960.10 typed as a year-month is the
 * number 1960.1 shown with format 0.00); a date shown without its day (yyyy"年"m"月") stays a year-month.
 */
function cellText(value: ExcelJS.CellValue, numFmt: string | undefined): string {
  if (value === null || value === undefined) return '';
  const format = (numFmt ?? '').split(';')[0]?.replace(/"[^"]*"|\\./g, '') ?? '';
  // Excel dates are calendar dates stored as UTC midnight.
  if (value instanceof Date) return value.toISOString().slice(0, /d/i.test(format) || format === '' ? 10 : 7);
  if (typeof value === 'number') {
    const decimals = /\.([0#?]+)/.exec(format)?.[1]?.length;
    return decimals === undefined ? String(value) : value.toFixed(decimals);
  }
  if (typeof value !== 'object') return String(value);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('hyperlink' in value) return value.text;
  if ('formula' in value || 'sharedFormula' in value) {
    return value.result === undefined || typeof value.result === 'object' ? '' : String(value.result);
  }
  return '';
}
