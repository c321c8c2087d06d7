/** The reporter's verdict after 办结 (回访). 基本满意 counts as satisfied in 满意率, as 12345 counts it. */

import { toSimplified } from '../text/traditional.js';

export const RATINGS = ['满意', '基本满意', '不满意'] as const;
export type Rating = (typeof RATINGS)[number];

export const isSatisfied = (rating: Rating): boolean => rating !== '不满意';

/**
 * The verdict words, 不满意 before 满意 (which it contains) and the lukewarm ones before plain 满意. People give
 * the verdict in their own words too: 不认可 is 不满意, 还可以 基本满意, 打满分 and 挺好的 满意.
 */
const VERDICTS: ReadonlyArray<readonly [Rating, RegExp]> = [
  ['不满意', /(?:很|非常|特别|太)?不(?:太|怎么|咋|大)?满意|(?:给个?)?差评|不认可|不接受|不咋地|太差劲|差劲/],
  [
    '基本满意',
    /(?:(?:勉强|还算|比较)?基本满意|还算满意|比较满意|还行|还算可以|还可以|还凑合|凑合|过得去|马马虎虎|一般般?)吧?/,
  ],
  [
    '满意',
    /(?:非常|很|挺|特别|十分|太)?满意(?:的|了|吧)?(?:满意)?|(?:给个?)?(?:好评|五星)|(?:给(?:你们)?)?打?满分|(?:挺|很|真|非常)(?:好|不错)的?|利索|点赞|没得说|没话说|没的说/,
  ],
];
/** What a verdict comes wrapped in: 评价, 给个, 给你们. */
const WRAPPING = /^(?:我)?(?:评价|给个|给你们|打个)?\s*|[\s，,。:：!！]+$/g;

/**
 * 「满意 很快就修好了」, 「修了跟没修一样 不满意」, 「挺满意的 谢谢你们」, 「給個滿意」, 「还行」 → verdict and the rest as the
 * comment; null when no verdict is given (「修好了吗」).
 */
export function parseRating(text: string): { rating: Rating; comment: string } | null {
  const folded = toSimplified(text.trim());
  for (const [rating, words] of VERDICTS) {
    const m = words.exec(folded);
    if (!m) continue;
    const comment = `${folded.slice(0, m.index).replace(WRAPPING, '')} ${folded.slice(m.index + m[0].length)}`
      .replace(/^[\s，,。:：]+|[\s，,。]+$/g, '')
      .replace(/\s+/g, ' ');
    return { rating, comment };
  }
  return null;
}
