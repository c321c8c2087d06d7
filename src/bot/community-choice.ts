/**
 * Places someone we do not know in a community when one deployment serves several (a street office) and
 * their records do not (sender.ts): the community their message names (community-place.ts); else the bot asks
 * which, with the names to choose from, keeps the message 10 minutes and handles it once they answer. The
 * answer is remembered as a resident record, so it is asked once. Residents writing through 微信客服 never get here: sender.ts places them in their kf account's
 * community (kind 'resident').
 */
import type { HydratedDocument } from 'mongoose';
import { parseBindingAnswer } from '../domain/binding.js';
import { communityChosen, communityNamedIn } from '../domain/community-place.js';
import { normaliseText } from '../domain/text/normalise.js';
import type { Community } from '../models/community.js';
import type { InboundMessage } from '../wecom/inbound.js';
import { type BotServices, createContext } from './context.js';
import type { Sender } from './sender.js';

const CHOICE_TTL_SECONDS = 10 * 60;
const choiceKey = (userId: string) => `community-choice:${userId}`;

export const askCommunity = (names: readonly string[]) =>
  `请问您住在哪个社区？请回复序号：\n${names.map((name, i) => `${i + 1}. ${name}`).join('\n')}`;

/** The message and sender to handle, or null when the bot has asked which community and must wait. */
export async function placeStranger(
  services: BotServices,
  message: InboundMessage,
  sender: Sender,
): Promise<{ message: InboundMessage; sender: Sender } | null> {
  const as = (community: HydratedDocument<Community>) => ({ message, sender: { ...sender, community } });
  if (sender.kind !== 'unknown' || sender.community || message.kind !== 'text') return { message, sender };
  const { models, redis } = services;
  const communities = await models.Community.find().sort({ code: 1 });
  if (communities.length === 0) return { message, sender };
  const text = normaliseText(message.content);
  const key = choiceKey(sender.userId);

  const waiting = await redis.get(key);
  if (waiting !== null) {
    await redis.del(key);
    const listed = communities.map((c) => ({ id: String(c._id), name: c.name }));
    const chosen = communities.find((c) => String(c._id) === communityChosen(text, listed));
    if (chosen) {
      await models.Resident.updateOne(
        { communityId: chosen._id, wecomUserId: sender.userId },
        { $setOnInsert: { name: '' } },
        { upsert: true },
      );
      services.senders.forget(sender.userId);
      return { message: { ...message, content: waiting }, sender: { ...sender, community: chosen } };
    }
  }
  // A member binding themselves is looked for in every community.
  if (parseBindingAnswer(text)) return { message, sender };

  const grids = await models.Grid.find({}, { communityId: 1, buildings: 1, addresses: 1 }).lean();
  const places = communities.map((c) => {
    const own = grids.filter((g) => String(g.communityId) === String(c._id));
    return {
      id: String(c._id),
      name: c.name,
      buildings: own.flatMap((g) => g.buildings),
      addresses: own.flatMap((g) => g.addresses ?? []),
    };
  });
  const named = communities.find((c) => String(c._id) === communityNamedIn(text, places));
  if (named) return as(named);
  await redis.set(key, message.content, 'EX', CHOICE_TTL_SECONDS);
  await createContext(services, message, sender).reply(askCommunity(communities.map((c) => c.name)));
  return null;
}
