import { storeEvidence } from '../../activities/evidence.js';
import { expects } from '../../bot/answers.js';
import { ask, defineCommand, ok } from '../../bot/command.js';
import type { BotContext } from '../../bot/context.js';
import { UserError } from '../../bot/user-error.js';
import { isDuplicateKeyError } from '../../db/duplicate-key.js';
import {
  ACTIVITY_TYPE_LABELS,
  type ActivityDraft,
  type ActivityType,
  activityProblem,
  formatDay,
  formatMinutes,
  parseActivity,
} from '../../domain/activity.js';

/** Photos sent within this long after recording an activity are attached to it. */
export const EVIDENCE_WINDOW_MS = 10 * 60_000;

const TYPE_QUESTION = `请问这是哪一类活动？可以回复：${Object.values(ACTIVITY_TYPE_LABELS).join('、')}。`;

async function memberInContext(ctx: BotContext) {
  if (ctx.sender.kind !== 'member') throw new UserError('您还没有登记。');
  return ctx.sender.member;
}

export const logActivity = defineCommand<ActivityDraft & { type: ActivityType }>({
  id: 'activity.log',
  triggers: ['记录活动', '记一下', '帮我记一下', '记录'],
  audience: 'registered',
  writes: true,
  summary: '记录志愿服务、走访慰问、学习等活动',
  examples: ['记一下 昨天下午去3号楼王奶奶家走访了两个小时', '上周五参加垃圾分类志愿服务 两个小时'],
  parse(rest, { now, timeZone }) {
    const draft = parseActivity(rest, now, timeZone);
    if (!draft.description) {
      return ask(
        'what',
        '请说说做了什么，例如「昨天下午去3号楼王奶奶家走访了两个小时」。',
        expects('text', '昨天下午去3号楼王奶奶家走访了两个小时'),
      );
    }
    if (!draft.type) return ask('type', TYPE_QUESTION, expects('choice', ACTIVITY_TYPE_LABELS.volunteer));
    return ok({ ...draft, type: draft.type });
  },
  async handle(ctx, draft) {
    const member = await memberInContext(ctx);
    const { Activity, Member } = ctx.services.models;
    const sameDay = await Activity.find({ memberId: member._id, date: draft.date, undoneAt: null });
    const problem = activityProblem(
      draft,
      ctx.now,
      ctx.timeZone,
      sameDay.reduce((sum, a) => sum + (a.minutes ?? 0), 0),
    );
    if (problem) throw new UserError(problem);

    const companions = draft.companions.length
      ? await Member.find({ communityId: member.communityId, name: { $in: draft.companions } })
      : [];
    const msgId = 'msgId' in ctx.message ? String(ctx.message.msgId) : ctx.message.dedupeKey;
    try {
      await Activity.create({
        communityId: member.communityId,
        memberId: member._id,
        branchId: member.branchId,
        partyGroupId: member.partyGroupId,
        type: draft.type,
        date: draft.date,
        month: draft.date.slice(0, 7),
        minutes: draft.minutes,
        place: draft.place,
        companionMemberIds: companions.map((c) => c._id),
        companionNames: draft.companions,
        description: draft.description,
        sourceMsgId: msgId,
      });
    } catch (error) {
      // The same message again (a retry): already recorded, so the confirmation below is still true.
      if (!isDuplicateKeyError(error)) throw error;
    }
    const attached = await attachHeldPhotos(ctx, msgId);
    const parts = [
      ACTIVITY_TYPE_LABELS[draft.type],
      formatDay(draft.date),
      formatMinutes(draft.minutes),
      draft.description,
    ];
    const lines = [`已记录：${parts.join(' · ')}`];
    if (draft.dateAssumed) lines.push('（没说日期，按今天记录）');
    if (attached > 0) lines.push(`已附上刚才的${attached}张照片作为凭证。`);
    lines.push('可以接着发照片作为凭证；记错了回复「撤销」（24小时内有效）。');
    await ctx.reply(lines.join('\n'));
  },
  async onImage(ctx, image) {
    if (ctx.sender.kind !== 'member') return false;
    const recent = await ctx.services.models.Activity.findOne({
      memberId: ctx.sender.member._id,
      undoneAt: null,
      createdAt: { $gte: new Date(ctx.now.getTime() - EVIDENCE_WINDOW_MS) },
    }).sort({ createdAt: -1 });
    if (!recent) return false;
    const evidenceId = await storeEvidence(ctx, image);
    await ctx.services.models.Activity.updateOne(
      { _id: recent._id, 'evidence.msgId': { $ne: image.msgId } },
      { $push: { evidence: { evidenceId, msgId: image.msgId, at: ctx.now } } },
    );
    await ctx.reply(
      `照片已作为凭证附到 ${formatDay(recent.date as ActivityDraft['date'])} 的${ACTIVITY_TYPE_LABELS[recent.type]}记录上。`,
    );
    return true;
  },
});

/** Photos sent just before the activity (held by the engine) belong to it too. */
async function attachHeldPhotos(ctx: BotContext, activityMsgId: string): Promise<number> {
  const held = (await ctx.services.held.take(ctx.message.fromUser)).filter((m) => m.kind === 'image');
  for (const photo of held) {
    if (photo.kind !== 'image') continue;
    const evidenceId = await storeEvidence(ctx, photo);
    await ctx.services.models.Activity.updateOne(
      { sourceMsgId: activityMsgId, 'evidence.msgId': { $ne: photo.msgId } },
      { $push: { evidence: { evidenceId, msgId: photo.msgId, at: ctx.now } } },
    );
  }
  return held.length;
}
