/**
 * Finds the header of a roster as secretaries keep it: under a title row (「和平里社区党员花名册」), possibly
 * two rows high with merged cells (「党籍信息」 over 「入党时间 | 转正时间」, 「姓名」 merged down both rows).
 */
import { type Column, isKnownHeader } from './columns.js';

/** A row is the header when it names at least this many columns we know. */
const MIN_KNOWN = 3;
/** Titles and notes above the header take a few rows at most. */
const SEARCH_ROWS = 10;

export interface HeaderRows {
  /** Spreadsheet row of the header's first row (1-based). */
  row: number;
  /** 1 or 2. */
  height: number;
  /** One header per column; two-row headers joined. */
  headers: string[];
}

export function findHeader<K extends string>(
  columns: readonly Column<K>[],
  records: readonly string[][],
): HeaderRows {
  const known = (text: string) => text.trim() !== '' && isKnownHeader(columns, text.trim());
  const index = records.slice(0, SEARCH_ROWS).findIndex((record) => record.filter(known).length >= MIN_KNOWN);
  // No row looks like our header: take row 1, so its problems are reported against it.
  if (index < 0) return { row: 1, height: 1, headers: (records[0] ?? []).map((h) => h.trim()) };
  const top = (records[index] ?? []).map((h) => h.trim());
  const below = (records[index + 1] ?? []).map((h) => h.trim());
  // Merged cells repeat their text in every cell they cover; a second header row holds only such repeats
  // and names we know — never a member's name.
  const second =
    below.some((cell, col) => known(cell) && cell !== top[col]) &&
    below.every((cell, col) => cell === '' || cell === top[col] || known(cell));
  if (!second) return { row: index + 1, height: 1, headers: top };
  const width = Math.max(top.length, below.length);
  const headers = Array.from({ length: width }, (_, col) => {
    const upper = top[col] ?? '';
    const lower = below[col] ?? '';
    if (lower === '' || lower === upper) return upper;
    if (known(lower) || upper === '') return lower;
    return `${upper}${lower}`;
  });
  return { row: index + 1, height: 2, headers };
}
