import type { HydratedDocument, Types } from 'mongoose';
import type { EvidenceOwner } from '../activities/evidence.js';
import type { BotContext } from '../bot/context.js';
import { UserError } from '../bot/user-error.js';
import type { Community } from '../models/community.js';
import type { ComplaintReporter } from '../models/complaint.js';

/** The reporter of a new complaint, and where they live when our records say. */
export interface ReporterInfo {
  reporter: ComplaintReporter;
  community: HydratedDocument<Community>;
  owner: EvidenceOwner;
  /** 「5号楼」 and 「2单元」 from the roster, for 「我家…」. */
  home: { building: string; unit: string } | null;
}

export const NO_COMMUNITY =
  '抱歉，系统还没有设置您所在的社区，暂时无法登记。请直接联系社区居委会反映，谢谢。';

/** The community whose complaints a person may ask about: their own, or for people we do not know, the default. */
export function communityOf(ctx: BotContext): HydratedDocument<Community> {
  if (!ctx.sender.community) throw new UserError(NO_COMMUNITY);
  return ctx.sender.community as HydratedDocument<Community>;
}

/**
 * Members report as themselves. People the roster does not know (residents) get a light Resident record
 * the first time, named as WeCom knows them; a phone they typed is kept as their contact.
 */
export async function reporterOf(ctx: BotContext, typedPhone: string | null): Promise<ReporterInfo> {
  const { sender } = ctx;
  if (sender.kind === 'member') {
    const { member } = sender;
    const address = member.address;
    return {
      reporter: {
        userId: sender.userId,
        kind: 'member',
        personId: member._id,
        name: member.name,
        phone: typedPhone ?? member.phone ?? null,
      },
      community: sender.community,
      owner: { communityId: member.communityId, memberId: member._id },
      home: address?.building ? { building: address.building, unit: address.unit ?? '' } : null,
    };
  }
  const community = communityOf(ctx);
  const communityId = community._id;
  const { Resident } = ctx.services.models;
  let resident = await Resident.findOne({ communityId, wecomUserId: sender.userId });
  if (!resident) {
    const name = await ctx.services.wecom.getUser(sender.userId).then(
      (u) => u.name,
      () => '',
    );
    resident = await Resident.findOneAndUpdate(
      { communityId, wecomUserId: sender.userId },
      { $setOnInsert: { name, phone: typedPhone } },
      { upsert: true, returnDocument: 'after' },
    );
  } else if (typedPhone && resident.phone !== typedPhone) {
    await Resident.updateOne({ _id: resident._id }, { $set: { phone: typedPhone } });
  }
  const personId = resident!._id;
  return {
    reporter: {
      userId: sender.userId,
      kind: 'resident',
      personId,
      name: resident!.name,
      phone: typedPhone ?? resident!.phone ?? null,
    },
    community,
    owner: { communityId, residentId: personId },
    home: resident!.building ? { building: resident!.building, unit: '' } : null,
  };
}

/** Whose photo it is when someone sends one for a complaint. */
export async function photoOwner(ctx: BotContext, communityId: Types.ObjectId): Promise<EvidenceOwner> {
  if (ctx.sender.kind === 'member') return { communityId, memberId: ctx.sender.member._id };
  const resident = await ctx.services.models.Resident.findOne({
    communityId,
    wecomUserId: ctx.sender.userId,
  });
  if (!resident) throw new UserError('请先用文字说明要反映的问题，再发照片。');
  return { communityId, residentId: resident._id };
}
