/** WeCom truncates text and markdown content beyond 2048 UTF-8 bytes, silently. */
export const MAX_TEXT_BYTES = 2048;

/** Preferred cut points, best first. Each is a single UTF-16 unit, so cutting after one never splits a pair. */
const NEWLINE = /\n/;
const SENTENCE_END = /[。！？；.!?;]/;
const SPACE = /[ \t\u3000]/;
const BOUNDARIES = [NEWLINE, SENTENCE_END, SPACE];

/** Look for a nicer cut only in the last quarter of a full part, so parts stay reasonably full. */
const SOFT_WINDOW = 0.25;

function utf8Length(codePoint: number): number {
  if (codePoint <= 0x7f) return 1;
  if (codePoint <= 0x7ff) return 2;
  // Lone surrogates are encoded as U+FFFD (3 bytes) by TextEncoder/Buffer, which is what goes on the wire.
  if (codePoint <= 0xffff) return 3;
  return 4;
}

/**
 * Splits text into parts of at most `maxBytes` UTF-8 bytes without cutting a character, preferring to end a part
 * after a newline, then after sentence punctuation, then after a space. `parts.join('') === text`; '' gives [].
 */
export function splitUtf8(text: string, maxBytes = MAX_TEXT_BYTES): string[] {
  if (!Number.isInteger(maxBytes) || maxBytes < 4) {
    throw new RangeError(`maxBytes must be an integer ≥ 4 (one UTF-8 character), got ${maxBytes}`);
  }
  const parts: string[] = [];
  const softFrom = Math.floor(maxBytes * (1 - SOFT_WINDOW));
  let start = 0;
  while (start < text.length) {
    let end = start;
    let bytes = 0;
    let windowStart = start;
    while (end < text.length) {
      const codePoint = text.codePointAt(end)!;
      const size = utf8Length(codePoint);
      if (bytes + size > maxBytes) break;
      if (bytes < softFrom) windowStart = end;
      bytes += size;
      end += codePoint > 0xffff ? 2 : 1;
    }
    if (end < text.length) end = softCut(text, windowStart, end);
    parts.push(text.slice(start, end));
    start = end;
  }
  return parts;
}

/** The best cut in text[from, end): just after the last boundary character of the highest-priority kind found. */
function softCut(text: string, from: number, end: number): number {
  for (const boundary of BOUNDARIES) {
    for (let i = end - 1; i >= from; i--) {
      if (boundary.test(text[i]!)) return i + 1;
    }
  }
  return end;
}

/** Batches items, e.g. recipients for message/send (≤1000 userids a call). */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1)
    throw new RangeError(`chunk size must be a positive integer, got ${size}`);
  const batches: T[][] = [];
  for (let i = 0; i < items.length; i += size) batches.push(items.slice(i, i + size));
  return batches;
}
