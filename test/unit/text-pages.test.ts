import { describe, expect, it } from 'vitest';
import { SCREEN_CHARS, splitPages } from '../../src/domain/text/pages.js';

const activity = (day: number) =>
  `12月${day}日（周二） 志愿服务 2小时 在社区帮忙打扫卫生，和楼长一起清理了楼道杂物`;

describe('splitPages', () => {
  it('leaves a reply that fits one screen as it is', () => {
    expect(splitPages('王桂兰同志，您的党费情况：\n本月 2026年12月：已交')).toEqual([
      '王桂兰同志，您的党费情况：\n本月 2026年12月：已交',
    ]);
  });

  it('cuts a long list at whole lines, says what to send under each page but the last, and loses nothing', () => {
    const text = [
      '2026年12月共20次活动，合计40小时：',
      ...Array.from({ length: 20 }, (_, i) => activity(i + 1)),
    ].join('\n');
    const pages = splitPages(text);
    expect(pages.length).toBeGreaterThan(2);
    pages.forEach((page, i) => {
      expect(page.length).toBeLessThanOrEqual(SCREEN_CHARS);
      expect(
        page.endsWith(
          i < pages.length - 1
            ? `（第${i + 1}/${pages.length}页）发送「更多」看下一页`
            : `（第${i + 1}/${pages.length}页，完）`,
        ),
      ).toBe(true);
    });
    const body = pages.map((p) => p.split('\n').slice(0, -1).join('\n')).join('\n');
    expect(body).toBe(text);
  });

  it('cuts a line longer than a screen after punctuation', () => {
    const long = Array.from({ length: 40 }, (_, i) => `第${i + 1}条意见写得很长`).join('，');
    const pages = splitPages(long);
    expect(pages.length).toBe(2);
    expect(pages[0]!.split('\n')[0]).toMatch(/，$/);
    expect(pages.map((p) => p.split('\n')[0]).join('')).toBe(long);
  });
});
