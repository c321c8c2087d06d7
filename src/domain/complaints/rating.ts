/** The reporter's verdict after 办结 (回访). 基本满意 counts as satisfied in 满意率, as 12345 counts it. */

export const RATINGS = ['满意', '基本满意', '不满意'] as const;
export type Rating = (typeof RATINGS)[number];

export const isSatisfied = (rating: Rating): boolean => rating !== '不满意';

/** 「满意 很快就修好了」, 「不满意，还是堵」, 「非常满意」, 「还行」 → verdict and comment. */
export function parseRating(text: string): { rating: Rating; comment: string } | null {
  const m =
    /^(?:我|都|挺|很|蛮|特别|十分)*(?<word>基本满意|还算满意|比较满意|还行|一般|不满意|不太满意|非常满意|很满意|满意)(?:的|了|啦|呀)*[\s，,。!！:：]*(?<comment>.*)$/s.exec(
      text.trim(),
    );
  if (!m?.groups) return null;
  const word = m.groups.word!;
  const rating: Rating = word.startsWith('不')
    ? '不满意'
    : /基本|还算|比较|还行|一般/.test(word)
      ? '基本满意'
      : '满意';
  return { rating, comment: m.groups.comment!.trim() };
}
