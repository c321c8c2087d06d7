import { describe, expect, it } from 'vitest';
import { chunk, splitUtf8 } from '../../src/wecom/api/split-text.js';

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

/** Every part fits, no part is empty, nothing is lost or re-encoded, no surrogate pair is cut. */
function expectValidSplit(text: string, parts: string[], maxBytes: number) {
  expect(parts.join('')).toBe(text);
  for (const part of parts) {
    expect(part.length).toBeGreaterThan(0);
    expect(bytes(part)).toBeLessThanOrEqual(maxBytes);
    expect(part).not.toMatch(/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/);
  }
}

describe('splitUtf8', () => {
  it.each([
    { name: 'ASCII', unit: 'a', unitBytes: 1 },
    { name: 'all-Chinese (3-byte)', unit: '党', unitBytes: 3 },
    { name: 'emoji (4-byte surrogate pairs)', unit: '🎉', unitBytes: 4 },
    { name: 'two-byte (Cyrillic)', unit: 'ж', unitBytes: 2 },
  ])('$name: parts fit, join back, fill the budget', ({ unit, unitBytes }) => {
    const text = unit.repeat(5000);
    const parts = splitUtf8(text);
    expectValidSplit(text, parts, 2048);
    expect(parts.length).toBe(Math.ceil((5000 * unitBytes) / (Math.floor(2048 / unitBytes) * unitBytes)));
    expect(bytes(parts[0]!)).toBe(Math.floor(2048 / unitBytes) * unitBytes);
  });

  it.each([
    { name: 'exactly 2048 bytes of ASCII', text: 'x'.repeat(2048), count: 1 },
    { name: '2049 bytes of ASCII', text: 'x'.repeat(2049), count: 2 },
    { name: 'exactly 2048 bytes mixed', text: `${'党'.repeat(682)}ab`, count: 1 },
    { name: '2049 bytes mixed', text: `${'党'.repeat(682)}abc`, count: 2 },
    { name: 'exactly 2048 bytes of emoji', text: '😀'.repeat(512), count: 1 },
    { name: 'empty', text: '', count: 0 },
    { name: 'short', text: '学习强国 ok', count: 1 },
  ])('$name → $count part(s)', ({ text, count }) => {
    const parts = splitUtf8(text);
    expect(parts).toHaveLength(count);
    expectValidSplit(text, parts, 2048);
  });

  it('never cuts an emoji that straddles the limit', () => {
    const text = `${'a'.repeat(2046)}🎉tail`;
    const parts = splitUtf8(text);
    expect(parts).toEqual(['a'.repeat(2046), '🎉tail']);
  });

  it('mixed Chinese, ASCII and emoji with a small budget', () => {
    const text = '支部学习日🎉 Study day at 9:00，请准时参加！Bring your notebook. 谢谢😀😀 '.repeat(40);
    for (const max of [4, 5, 7, 16, 100, 2048]) expectValidSplit(text, splitUtf8(text, max), max);
  });

  it('prefers the last newline in the soft window', () => {
    const text = `${'a'.repeat(1800)}\n${'b'.repeat(100)}。${'c'.repeat(500)}`;
    const parts = splitUtf8(text);
    expect(parts[0]).toBe(`${'a'.repeat(1800)}\n`);
    expectValidSplit(text, parts, 2048);
  });

  it('then sentence punctuation, then a space', () => {
    const sentence = `${'党'.repeat(600)}。${'员'.repeat(100)}，${'好'.repeat(100)}`;
    expect(splitUtf8(sentence)[0]).toBe(`${'党'.repeat(600)}。`);
    const spaced = `${'word '.repeat(400)}${'x'.repeat(500)}`;
    const first = splitUtf8(spaced)[0]!;
    expect(first.endsWith(' ')).toBe(true);
    expect(bytes(first)).toBe(2000);
  });

  it('ignores a newline outside the soft window and cuts hard instead', () => {
    const text = `${'a'.repeat(100)}\n${'b'.repeat(3000)}`;
    const parts = splitUtf8(text);
    expect(bytes(parts[0]!)).toBe(2048);
    expectValidSplit(text, parts, 2048);
  });

  it('keeps whitespace exactly (no trimming)', () => {
    const text = `  ${'line  \n'.repeat(600)}  `;
    expectValidSplit(text, splitUtf8(text), 2048);
  });

  it('rejects a budget smaller than one character', () => {
    expect(() => splitUtf8('abc', 3)).toThrow(RangeError);
  });
});

describe('chunk', () => {
  it.each([
    { n: 0, size: 1000, sizes: [] },
    { n: 1, size: 1000, sizes: [1] },
    { n: 1000, size: 1000, sizes: [1000] },
    { n: 1001, size: 1000, sizes: [1000, 1] },
    { n: 2500, size: 1000, sizes: [1000, 1000, 500] },
    { n: 5, size: 2, sizes: [2, 2, 1] },
  ])('$n items by $size → $sizes', ({ n, size, sizes }) => {
    const items = Array.from({ length: n }, (_, i) => `u${i}`);
    const batches = chunk(items, size);
    expect(batches.map((b) => b.length)).toEqual(sizes);
    expect(batches.flat()).toEqual(items);
  });

  it('rejects a size below 1', () => {
    expect(() => chunk([1], 0)).toThrow(RangeError);
  });
});
