/** Picking one reading out of the candidates a parser finds in a free sentence. */

export interface Hit<T> {
  value: T;
  /** Offset in the input (folding keeps offsets). */
  index: number;
  length: number;
  /** Lower is more specific (9:00-11:30 beats 一上午); 0 when a parser has one kind. */
  rank: number;
}

/**
 * The most specific hit, then the leftmost, then the longest (大前天 over 前天, 今年三月 over 今年). Parsers keep
 * hits they cannot read (2月30日, 25小时) in the running: if one wins, the answer is undefined, so the member is
 * asked rather than a later, different mention being taken instead.
 */
export function bestHit<T>(hits: Iterable<Hit<T>>): Hit<T> | undefined {
  let best: Hit<T> | undefined;
  for (const hit of hits) {
    if (
      !best ||
      hit.rank < best.rank ||
      (hit.rank === best.rank &&
        (hit.index < best.index || (hit.index === best.index && hit.length > best.length)))
    ) {
      best = hit;
    }
  }
  return best;
}

/** A hit for a regex match. */
export const hitAt = <T>(m: RegExpExecArray, value: T, rank = 0): Hit<T> => ({
  value,
  index: m.index,
  length: m[0].length,
  rank,
});

/** The hit's text as the caller wrote it, so it can be cut out of the message. */
export const matchedText = (text: string, hit: Hit<unknown>): string =>
  text.slice(hit.index, hit.index + hit.length);
