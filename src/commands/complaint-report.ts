import type { Types } from 'mongoose';
import { ask, defineCommand, ok } from '../bot/command.js';
import type { BotContext } from '../bot/context.js';
import type { HeldMedia } from '../bot/held-media.js';
import { REPLY } from '../bot/replies.js';
import { applyChange, type ComplaintDoc } from '../complaints/changes.js';
import {
  fileComplaint,
  type Placement,
  placeOf,
  similarOpen,
  similarQuestion,
} from '../complaints/intake.js';
import { tell } from '../complaints/notify.js';
import { photoOwner, reporterOf } from '../complaints/reporter.js';
import {
  PLACE_MARKER,
  parseReport,
  type ReportDraft,
  SAME_MARKER,
  sameAnswer,
} from '../domain/complaints/intake.js';
import { isOpen, stepLabel } from '../domain/complaints/lifecycle.js';
import { PROBLEM_WORDS } from '../domain/complaints/problem-words.js';
import { storeEvidence } from './evidence.js';

/** Photos sent within this long after someone's step on a complaint (reporting, 办结 …) belong to that step. */
export const PHOTO_WINDOW_MS = 10 * 60_000;

const ID = 'complaint.report';
const SAME_KIND = 'complaint.same';

interface ReportArgs {
  /** The report as typed so far, answers included: re-asked questions append to it. */
  text: string;
  draft: ReportDraft;
  /** The answer to 「是同一个问题吗」, when it was asked. */
  same: boolean | undefined;
}

/** What waits while the reporter says whether it is the same problem. */
interface SamePending {
  originalId: string;
  placement: Placement;
  held: HeldMedia[];
}

async function askWhere(ctx: BotContext, text: string) {
  await ctx.services.dialogues.set(ctx.message.fromUser, {
    commandId: ID,
    text: `${text} ${PLACE_MARKER}`,
    missing: 'where',
  });
  await ctx.reply(`请问是在哪里？例如「5号楼2单元」「小区东门」，也可以发送位置。\n${REPLY.cancelHint}`);
}

async function askSame(ctx: BotContext, text: string, original: ComplaintDoc, pending: SamePending) {
  await ctx.services.confirmations.set(ctx.message.fromUser, SAME_KIND, pending);
  await ctx.services.dialogues.set(ctx.message.fromUser, {
    commandId: ID,
    text: `${text} ${SAME_MARKER}`,
    missing: 'same',
  });
  await ctx.reply(`${similarQuestion(original, ctx.timeZone)}\n${REPLY.cancelHint}`);
}

/** 反映 / 投诉 / 报修 / 报事, or a sentence that sounds like a problem: files a complaint for anyone the bot knows. */
export const reportComplaint = defineCommand<ReportArgs>({
  id: ID,
  triggers: ['反映', '投诉', '报修', '报事', '我要反映', '我要投诉'],
  keywords: PROBLEM_WORDS,
  audience: 'anyone',
  summary: '反映小区里的问题（下水道、漏水、噪声、路灯……），自动转给负责的网格长并告诉您进展',
  examples: [
    '反映 5号楼2单元下水道又堵了 一楼都返水了',
    '小区东门路灯坏了好几天了',
    '楼下烧烤店天天半夜吵 睡不着觉',
  ],
  parse(rest) {
    const { report, same } = sameAnswer(rest);
    const draft = parseReport(report);
    if (!draft) return ask('what', '请说说遇到了什么问题、在哪里，例如「5号楼2单元下水道堵了」。');
    if (same === null) return ask('same', '请回复「是」或「不是」。');
    return ok({ text: report, draft, same });
  },
  async handle(ctx, { text, draft, same }) {
    const info = await reporterOf(ctx, draft.phone);
    const userId = ctx.message.fromUser;
    const communityId = info.community._id as Types.ObjectId;

    if (same !== undefined) {
      const pending = await ctx.services.confirmations.get<SamePending>(userId, SAME_KIND);
      await ctx.services.confirmations.clear(userId);
      if (pending) {
        const original = await ctx.services.models.Complaint.findById(pending.originalId);
        const sameAs = same && original && isOpen(original.state) ? original : null;
        await fileComplaint(ctx, { draft, info, placement: pending.placement, held: pending.held, sameAs });
        return;
      }
    }

    const held = await ctx.services.held.peek(userId);
    const placement = await placeOf(ctx, draft, info, held);
    if (!placement) return askWhere(ctx, text);
    await ctx.services.held.take(userId);
    const original =
      same === undefined && placement.building
        ? await similarOpen(ctx, communityId, placement.building, draft.category)
        : null;
    if (original) return askSame(ctx, text, original, { originalId: String(original._id), placement, held });
    await fileComplaint(ctx, { draft, info, placement, held });
  },
  async onImage(ctx, image) {
    const community = ctx.sender.community;
    if (!community) return false;
    const since = new Date(ctx.now.getTime() - PHOTO_WINDOW_MS);
    const recent = await ctx.services.models.Complaint.find({
      communityId: community._id,
      'history.byUserId': ctx.sender.userId,
      updatedAt: { $gte: since },
    })
      .sort({ updatedAt: -1 })
      .limit(5);
    const latest = recent
      .flatMap((complaint) =>
        complaint.history
          .filter((h) => h.byUserId === ctx.sender.userId && h.at >= since)
          .map((entry) => ({ complaint, entry })),
      )
      .sort((a, b) => b.entry.at.getTime() - a.entry.at.getTime())[0];
    if (!latest) return false;
    const { complaint, entry } = latest;
    const evidenceId = await storeEvidence(
      ctx,
      image,
      await photoOwner(ctx, community._id as Types.ObjectId),
    );
    const photo = { evidenceId, msgId: image.msgId };
    await applyChange(
      ctx.services.models,
      complaint._id as Types.ObjectId,
      `photo-${image.msgId}`,
      ctx.now,
      (c) => {
        const index = c.history.findIndex((h) => h.version === entry.version);
        return { update: { $push: { photos: photo, [`history.${index}.photos`]: photo } } };
      },
    );
    if (entry.byUserId === complaint.reporter.userId) {
      await tell(
        ctx,
        `cpl-${String(complaint._id)}-photo-${image.msgId}`,
        [complaint.handlerUserId],
        `诉求 ${complaint.number} 反映人补充了1张照片。`,
      );
    }
    await ctx.reply(`照片已附到诉求 ${complaint.number}（${stepLabel(entry.step)}）上。`);
    return true;
  },
});
