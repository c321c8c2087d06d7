import type ExcelJS from 'exceljs';

/**
 * ExcelJS, loaded on first use: it weighs tens of MB in memory, and only the jobs that read or write a
 * spreadsheet need it, so a worker that never exports never carries it.
 */
export async function loadExcel(): Promise<typeof ExcelJS> {
  return (await import('exceljs')).default;
}
