/**
 * A street office (街道) reads its communities' figures: a line per community, or one community in full when
 * named (「月报 和平里」). One deployment serves one street office, so its staff see every community.
 * Street staff are members with the role 街道 on any of its communities' rosters.
 */
import type { HydratedDocument } from 'mongoose';
import type { BotContext } from '../bot/context.js';
import type { Sender } from '../bot/sender.js';
import { UserError } from '../bot/user-error.js';
import { communityChosen } from '../domain/community-place.js';
import type { Community } from '../models/community.js';
import type { DeskScope } from './scope.js';

type CommunityDoc = HydratedDocument<Community>;

export const isStreetStaff = (sender: Sender): boolean =>
  sender.kind === 'member' && sender.roles.includes('street');

export const communityScopeOf = (community: CommunityDoc): DeskScope => ({
  filter: { communityId: community._id },
  label: community.name,
  name: community.name,
});

/**
 * The reply for street staff: the named community in full (`full`), else `title` and a line per community.
 * `named` is the first word of the request when it is not a period (splitCommunityWord).
 */
export async function streetReply(
  ctx: BotContext,
  named: string | null,
  title: string,
  line: (scope: DeskScope, community: CommunityDoc) => Promise<string>,
  full: (scope: DeskScope, community: CommunityDoc) => Promise<string>,
): Promise<void> {
  const communities = await ctx.services.models.Community.find().sort({ code: 1 });
  if (named !== null) {
    const listed = communities.map((c) => ({ id: String(c._id), name: c.name }));
    const community = communities.find((c) => String(c._id) === communityChosen(named, listed));
    if (!community) {
      throw new UserError(
        `没有找到「${named}」。本街道的社区：${communities.map((c) => c.name).join('、')}。`,
      );
    }
    return ctx.reply(await full(communityScopeOf(community), community));
  }
  const lines = await Promise.all(communities.map((c) => line(communityScopeOf(c), c)));
  const example = communities[0] ? `「${title.split(' ')[0]} ${communities[0].name}」` : '';
  await ctx.reply([title, ...lines, `看一个社区的详细情况，请发${example}。`].join('\n'));
}

/**
 * 「和平里 上个月」 → community word 「和平里」 and the rest; a first word that is itself a period (上个月, 10月)
 * or has digits is not a community. Pure: the word is matched against the communities by the handler.
 */
export function splitCommunityWord(
  rest: string,
  isPeriod: (text: string) => boolean,
): { community: string | null; rest: string } {
  const [first, ...others] = rest.trim().split(/\s+/);
  if (!first || /\d/.test(first) || !/^[\u4e00-\u9fa5]{2,12}$/.test(first) || isPeriod(first)) {
    return { community: null, rest };
  }
  return { community: first, rest: others.join(' ') };
}

/**
 * A street request's community word and the period it names (read by `period`): from the whole request, else
 * from what follows the word (「和平里 2025年」: a year is read only when it stands alone). Undefined when none.
 */
export function communityAndPeriod<T>(
  rest: string,
  period: (text: string) => T | undefined,
): { community: string | null; period: T | undefined } {
  const named = splitCommunityWord(rest, (w) => period(w) !== undefined);
  return { community: named.community, period: period(rest) ?? period(named.rest) };
}
