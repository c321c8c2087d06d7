import ExcelJS from 'exceljs';
import type { RecordedMessage } from '../../src/standin/fake-wecom-api.js';
import type { TestBot } from './test-bot.js';

/** The bytes of an image or file message, fetched as the bot would (media/get). */
export async function mediaOf(bot: TestBot, m: RecordedMessage | undefined) {
  const payload = (m?.body[m.msgtype] ?? {}) as { media_id?: string };
  return bot.runtime.deps.wecom.getMedia(payload.media_id ?? '');
}

export async function readWorkbook(data: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(data as unknown as ArrayBuffer);
  return workbook;
}

/** The first `width` cells of a row, empty ones as null (exceljs leaves holes, and may read '' back as null). */
export const rowValues = (sheet: ExcelJS.Worksheet, row: number, width: number) =>
  Array.from({ length: width }, (_, i) => {
    const value = sheet.getRow(row).getCell(i + 1).value;
    return value === '' || value === undefined ? null : value;
  });

/** The data rows of a table laid out by addTable (title on row 1, header on row 2), keyed by one column. */
export function rowsBy(sheet: ExcelJS.Worksheet, keyColumn: number, width: number) {
  const rows = new Map<string, ReturnType<typeof rowValues>>();
  for (let r = 3; r <= sheet.rowCount; r++)
    rows.set(String(sheet.getRow(r).getCell(keyColumn).value), rowValues(sheet, r, width));
  return rows;
}
