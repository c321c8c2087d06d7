/**
 * Which community a resident's message names, when one deployment serves a street office: the community's
 * name (「和平里」 for 和平里社区, also 和平里小区), a street address one of its grids lists, or a building only
 * that community's grids have. Building numbers repeat between communities (every one has a 5号楼), so a
 * building decides only when exactly one community has it.
 */

import { extractLocation, findBuilding } from './complaints/location.js';
import { foldWidth } from './text/normalise.js';

export interface CommunityPlaces {
  id: string;
  name: string;
  /** Every grid building of the community. */
  buildings: readonly string[];
  /** Street addresses its grids list (「和平里北街12号院」). */
  addresses: readonly string[];
}

/** 「和平里社区」, 「和平里社区居委会」 → 「和平里」. */
const stemOf = (name: string) => name.replace(/(?:社区)?(?:居委会|居民委员会)?$/, '').replace(/社区$/, '');

/** The one community the text names, or null when it names none or several. */
export function communityNamedIn(text: string, communities: readonly CommunityPlaces[]): string | null {
  const folded = foldWidth(text).replace(/\s+/g, '');
  const one = (ids: string[]) => (ids.length === 1 ? (ids[0] ?? null) : null);
  const byName = communities.filter((c) => {
    const stem = stemOf(c.name);
    return stem.length >= 2 && folded.includes(stem);
  });
  if (byName.length > 0) return one(byName.map((c) => c.id));
  const byAddress = communities.filter((c) => c.addresses.some((a) => a !== '' && folded.includes(a)));
  if (byAddress.length > 0) return one(byAddress.map((c) => c.id));
  const mention = extractLocation(text).building;
  if (!mention) return null;
  return one(communities.filter((c) => findBuilding(mention, text, c.buildings) !== null).map((c) => c.id));
}

/** A reply to 「您住在哪个社区？」: the number shown (1, 2, 第二个) or the community's name. */
export function communityChosen(
  text: string,
  communities: readonly { id: string; name: string }[],
): string | null {
  const folded = foldWidth(text).replace(/\s+/g, '');
  const number = /^(?:第)?([1-9一二三四五六七八九])(?:个)?$/.exec(folded)?.[1];
  if (number) {
    const index = /\d/.test(number) ? Number(number) : '一二三四五六七八九'.indexOf(number) + 1;
    return communities[index - 1]?.id ?? null;
  }
  const named = communities.filter((c) => folded.includes(stemOf(c.name)));
  return named.length === 1 ? (named[0]?.id ?? null) : null;
}
