import type { HydratedDocument } from 'mongoose';
import type { Role } from '../domain/member-vocabulary.js';
import { communityOfAccount } from '../kf/accounts.js';
import { isKfAddress } from '../kf/address.js';
import { kfResident, type ResidentDoc } from '../kf/residents.js';
import type { Community } from '../models/community.js';
import type { Models } from '../models/index.js';
import type { Member } from '../models/member.js';
import type { KfApi } from '../wecom/api/kf.js';

type CommunityDoc = HydratedDocument<Community>;
export type MemberDoc = HydratedDocument<Member>;

/** Who is speaking. Roles come only from our records. */
export type Sender =
  | { kind: 'member'; userId: string; member: MemberDoc; roles: readonly Role[]; community: CommunityDoc }
  /** Someone on plain WeChat writing through 微信客服 (userId `kf:<external_userid>`), in the account's community. */
  | { kind: 'resident'; userId: string; resident: ResidentDoc; community: CommunityDoc }
  | { kind: 'unknown'; userId: string; community: CommunityDoc | null };

const TTL_MS = 30_000;

/**
 * Resolves WeCom userids to members, with a short per-process cache: a roster change shows within
 * 30 s, and a burst of messages does not hit MongoDB for every one.
 */
export class SenderResolver {
  private readonly cache = new Map<string, { at: number; sender: Sender }>();

  constructor(
    private readonly models: Models,
    private readonly now: () => Date = () => new Date(),
    private readonly kf?: KfApi,
  ) {}

  /** After a binding: the next message from this person reads the roster again. */
  forget(userId: string): void {
    this.cache.delete(userId);
  }

  /** `openKfId`: the 微信客服 account a resident wrote to, which says their community. */
  async resolve(userId: string, openKfId?: string): Promise<Sender> {
    const cacheKey = openKfId ? `${userId}|${openKfId}` : userId;
    const hit = this.cache.get(cacheKey);
    if (hit && this.now().getTime() - hit.at < TTL_MS) return hit.sender;
    const sender = await this.load(userId, openKfId);
    // Someone not yet placed in a community is read again next time: their first complaint places them.
    if (sender.community) this.cache.set(cacheKey, { at: this.now().getTime(), sender });
    if (this.cache.size > 5_000) this.cache.delete(this.cache.keys().next().value as string);
    return sender;
  }

  /**
   * Someone not on the roster belongs to the community they have dealt with before (their latest resident
   * record), or to the only community there is. Otherwise null: their message may name one (community-choice.ts).
   * Never a guess by sort order.
   */
  private async residentCommunity(userId: string): Promise<CommunityDoc | null> {
    const [resident] = await this.models.Resident.find({ wecomUserId: userId }, { communityId: 1 })
      .sort({ updatedAt: -1 })
      .limit(1)
      .lean();
    if (resident) return this.models.Community.findById(resident.communityId);
    const communities = await this.models.Community.find().limit(2);
    return communities.length === 1 ? (communities[0] ?? null) : null;
  }

  private async load(userId: string, openKfId?: string): Promise<Sender> {
    if (isKfAddress(userId) && openKfId && this.kf) {
      const account = await this.models.KfAccount.findOne({ openKfId });
      const community = await communityOfAccount(this.models, account);
      if (!community) return { kind: 'unknown', userId, community: null };
      const resident = await kfResident(this.models, this.kf, community._id, userId);
      return { kind: 'resident', userId, resident, community };
    }
    const members = await this.models.Member.find({
      wecomUserId: userId,
      status: { $nin: ['transferred_out', 'deceased'] },
    })
      .sort({ createdAt: 1 })
      .limit(1);
    const member = members[0];
    if (member) {
      const community = await this.models.Community.findById(member.communityId);
      if (community) return { kind: 'member', userId, member, roles: member.roles as Role[], community };
    }
    return { kind: 'unknown', userId, community: await this.residentCommunity(userId) };
  }
}
