/**
 * A long reply cut into phone screens: an elderly member reads one screen (about 300 characters) at a time, and
 * each screen but the last says what to send for the next.
 */

/** What fits one phone screen, footer included. */
export const SCREEN_CHARS = 300;
/** What a member sends for the next screen (the 更多 command's trigger). */
export const MORE_WORD = '更多';

const footer = (page: number, of: number) =>
  page < of ? `（第${page}/${of}页）发送「${MORE_WORD}」看下一页` : `（第${page}/${of}页，完）`;
/** The longest footer a reply of up to 99 pages carries, and the line break before it. */
const FOOTER_ROOM = footer(99, 100).length + 1;

/** A line longer than a screen, cut after a sentence's or clause's punctuation where one is near the limit. */
function cutLine(line: string, room: number): string[] {
  const parts: string[] = [];
  let rest = line;
  while (rest.length > room) {
    const head = rest.slice(0, room);
    const stop = Math.max(...[...'。；！？，、'].map((p) => head.lastIndexOf(p)));
    const at = stop >= room / 2 ? stop + 1 : room;
    parts.push(rest.slice(0, at));
    rest = rest.slice(at);
  }
  return rest ? [...parts, rest] : parts;
}

/**
 * The text as it is when it fits one screen; else pages of whole lines (a line longer than a page is cut), each
 * with 「（第1/3页）发送「更多」看下一页」 under it and 「（第3/3页，完）」 under the last.
 */
export function splitPages(text: string, screen = SCREEN_CHARS): string[] {
  if (text.length <= screen) return [text];
  const room = screen - FOOTER_ROOM;
  const pages: string[] = [];
  let page = '';
  for (const line of text.split('\n').flatMap((l) => cutLine(l, room))) {
    if (page && page.length + 1 + line.length > room) {
      pages.push(page);
      page = '';
    }
    page = page ? `${page}\n${line}` : line;
  }
  if (page) pages.push(page);
  return pages.map((p, i) => `${p}\n${footer(i + 1, pages.length)}`);
}
