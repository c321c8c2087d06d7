import { storeEvidence } from '../../activities/evidence.js';
import { expects } from '../../bot/answers.js';
import { ask, defineCommand, ok, type ParseResult } from '../../bot/command.js';
import type { BotContext } from '../../bot/context.js';
import { type HeldMedia, heldLocation } from '../../bot/held-media.js';
import { REPLY } from '../../bot/replies.js';
import { applyChange, type ComplaintDoc } from '../../complaints/changes.js';
import { forwardPhotos } from '../../complaints/forward-photos.js';
import {
  fileComplaint,
  type Placement,
  placeOf,
  similarOpen,
  similarQuestion,
} from '../../complaints/intake.js';
import { photoOwner, reporterOf } from '../../complaints/reporter.js';
import {
  PLACE_MARKER,
  parseReport,
  type ReportDraft,
  SAME_MARKER,
  sameAnswer,
} from '../../domain/complaints/intake.js';
import { isOpen, stepLabel } from '../../domain/complaints/lifecycle.js';

/** Photos sent within this long after someone's step on a complaint (reporting, 办结 …) belong to that step. */
export const PHOTO_WINDOW_MS = 10 * 60_000;

const ID = 'complaint.report';
const PLACE_ANSWER = new RegExp(`\\s*${PLACE_MARKER}$`);
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

const WHERE = '请问是在哪里？例如「5号楼2单元」「小区东门」，也可以发送位置。';
const YES_NO = expects('yes-no', '是');

async function askWhere(ctx: BotContext, text: string) {
  await ctx.services.dialogues.set(ctx.message.fromUser, {
    commandId: ID,
    text: `${text} ${PLACE_MARKER}`,
    said: ctx.ownWords(text),
    missing: 'where',
    question: WHERE,
    expects: expects('place', '5号楼2单元'),
  });
  await ctx.reply(`${WHERE}\n${REPLY.cancelHint}`);
}

async function askSame(ctx: BotContext, text: string, original: ComplaintDoc, pending: SamePending) {
  await ctx.services.confirmations.set(ctx.message.fromUser, SAME_KIND, pending);
  const question = similarQuestion(original);
  await ctx.services.dialogues.set(ctx.message.fromUser, {
    commandId: ID,
    text: `${text} ${SAME_MARKER}`,
    said: ctx.ownWords(text),
    missing: 'same',
    question,
    expects: YES_NO,
  });
  await ctx.reply(`${question}\n${REPLY.cancelHint}`);
}

function parseArgs(rest: string): ParseResult<ReportArgs> {
  const { report, same } = sameAnswer(rest);
  const draft = parseReport(report);
  if (!draft) {
    return ask(
      'what',
      '请说说遇到了什么问题、在哪里，例如「5号楼2单元下水道堵了」。',
      expects('text', '5号楼2单元下水道堵了'),
    );
  }
  if (same === null) return ask('same', '请回复「是」或「不是」。', YES_NO);
  return ok({ text: report, draft, same });
}

/** Files the report, or asks what is missing; `answer` is a location sent in answer to 「在哪里？」. */
async function report(ctx: BotContext, { text, draft, same }: ReportArgs, answer?: HeldMedia) {
  const info = await reporterOf(ctx, draft.phone);
  const userId = ctx.message.fromUser;
  const communityId = info.community._id;

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

  const held = [...(await ctx.services.held.peek(userId)), ...(answer ? [answer] : [])];
  const placement = await placeOf(ctx, draft, info, held);
  if (!placement) return askWhere(ctx, text);
  await ctx.services.held.take(userId);
  const original =
    same === undefined && placement.building
      ? await similarOpen(ctx, communityId, placement.building, draft.category)
      : null;
  if (original) return askSame(ctx, text, original, { originalId: String(original._id), placement, held });
  await fileComplaint(ctx, { draft, info, placement, held });
}

/** 反映 / 投诉 / 报修 / 报事, or a sentence that sounds like a problem: files a complaint for anyone the bot knows. */
export const reportComplaint = defineCommand<ReportArgs>({
  id: ID,
  triggers: ['反映', '投诉', '报修', '报事', '我要反映', '我要投诉'],
  audience: 'anyone',
  writes: true,
  summary: '反映小区里的问题（下水道、漏水、噪声、路灯……），自动转给负责的网格长并告诉您进展',
  examples: [
    '反映 5号楼2单元下水道又堵了 一楼都返水了',
    '小区东门路灯坏了好几天了',
    '楼下烧烤店天天半夜吵 睡不着觉',
  ],
  parse: parseArgs,
  handle: (ctx, args) => report(ctx, args),
  /**
   * A location answers 「在哪里？」 at once. Sent before any report, it is left to the engine to hold, and the
   * next report takes it.
   */
  async onLocation(ctx, location) {
    const userId = ctx.message.fromUser;
    const waiting = await ctx.services.dialogues.get(userId);
    if (waiting?.commandId !== ID || waiting.missing !== 'where') return false;
    // The location is the answer: the question's marker goes, and the description stays as typed.
    const parsed = parseArgs(waiting.text.replace(PLACE_ANSWER, ''));
    if (!parsed.ok) return false;
    await ctx.services.dialogues.clear(userId);
    await report(ctx, parsed.args, heldLocation(location, ctx.now));
    return true;
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
    const evidenceId = await storeEvidence(ctx, image, await photoOwner(ctx, community._id));
    const photo = { evidenceId, msgId: image.msgId };
    const { complaint: attached } = await applyChange(
      ctx.services.models,
      complaint._id,
      `photo-${image.msgId}`,
      ctx.now,
      (c) => {
        const index = c.history.findIndex((h) => h.version === entry.version);
        return { update: { $push: { photos: photo, [`history.${index}.photos`]: photo } } };
      },
    );
    const sent = await forwardPhotos(ctx, attached, entry, [photo]);
    await ctx.reply(
      `照片已附到诉求 ${complaint.number}（${stepLabel(entry.step)}）上${sent ? `，并已发给${sent.who}` : ''}。`,
    );
    return true;
  },
});
