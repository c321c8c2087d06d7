import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import type ExcelJS from 'exceljs';

export interface Column {
  header: string;
  width: number;
  /** Excel number format, e.g. MONEY. */
  numFmt?: string;
}

export type Cell = string | number | null;

/** Amounts are numbers Excel can add up, shown with two decimals. */
export const MONEY = '0.00';
/** Integer fen → yuan as a number (2100 → 21). */
export const yuan = (fen: number) => fen / 100;
/** Rates are fractions Excel can compute with, shown as 62.5%. */
export const PERCENT = '0.0%';
/** A moment as the community's clocks showed it, 2026-11-20 09:35: plain text, so no spreadsheet shifts it. */
export const stamp = (at: Date, timeZone: string) =>
  format(new TZDate(at.getTime(), timeZone), 'yyyy-MM-dd HH:mm');

const THIN = { style: 'thin' } as const;
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/**
 * A sheet laid out like the paper ledger: a title row across the table, bold headers, thin borders, the
 * header frozen while scrolling. Header on row 2, data from row 3.
 */
export function addTable(
  workbook: ExcelJS.Workbook,
  name: string,
  title: string,
  columns: readonly Column[],
  rows: readonly Cell[][],
): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 2 }] });
  sheet.columns = columns.map((c) => ({ width: c.width, style: c.numFmt ? { numFmt: c.numFmt } : {} }));
  sheet.mergeCells(1, 1, 1, columns.length);
  const heading = sheet.getCell(1, 1);
  heading.value = title;
  heading.font = { bold: true, size: 14 };
  heading.alignment = { horizontal: 'center' };
  const header = sheet.addRow(columns.map((c) => c.header));
  header.font = { bold: true };
  for (const row of rows) sheet.addRow(row);
  for (let r = 2; r <= sheet.rowCount; r++) {
    sheet.getRow(r).eachCell({ includeEmpty: true }, (cell) => {
      cell.border = BORDER;
    });
  }
  return sheet;
}

export async function toBuffer(workbook: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
