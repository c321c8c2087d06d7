import type { Types } from 'mongoose';
import type { BotContext } from '../bot/context.js';
import type { HeldMedia } from '../bot/held-media.js';
import { categoryLabel } from '../domain/complaints/categories.js';
import type { ReportDraft } from '../domain/complaints/intake.js';
import { OPEN_STATES, STATE_LABELS } from '../domain/complaints/lifecycle.js';
import { buildingInLabel, extractLocation, findBuilding } from '../domain/complaints/location.js';
import { acceptLimitMs, resolveLimitMs, startClocks, tierOf } from '../domain/complaints/sla.js';
import { currentYearMonth } from '../domain/text/index.js';
import type { Complaint } from '../models/complaint.js';
import { applyChange, type ComplaintDoc } from './changes.js';
import { forwardPhotos } from './forward-photos.js';
import { excerpt, placeText, promise } from './messages.js';
import { sendCard, tell } from './notify.js';
import { insertNumbered } from './numbering.js';
import { storePhotos } from './photos.js';
import type { ReporterInfo } from './reporter.js';
import { assignFor, gridBuildings } from './routing.js';
import { scheduleTimers, slaOf } from './timers.js';

/** Where a complaint is, as it will be filed. */
export interface Placement {
  building: string | null;
  unit: string | null;
  room: string | null;
  place: string | null;
  location: { latitude: number; longitude: number; label: string } | null;
}

/** 「这里」 says nothing without the location message that came with it. */
const DEICTIC = /^(?:就是)?(?:这里|这儿|这边|此处|这|在这)$/;

/**
 * Where the draft's complaint is: a grid building the text names; else one the label of a location message
 * names (「北京市朝阳区幸福里社区5号楼」); else the reporter's home when the text points there (「我家」,
 * 「楼上」); else a place in words or the location's label. Null when nothing says where: the bot asks.
 */
export async function placeOf(
  ctx: BotContext,
  draft: ReportDraft,
  info: ReporterInfo,
  held: readonly HeldMedia[],
): Promise<Placement | null> {
  const buildings = await gridBuildings(ctx.services.models, info.community._id);
  // The latest: a location sent in answer to 「在哪里？」 overrides one held from before.
  const sent = held.findLast((m) => m.kind === 'location');
  const location =
    sent?.kind === 'location'
      ? { latitude: sent.latitude, longitude: sent.longitude, label: sent.label }
      : null;
  const { location: mention } = draft;
  const named = findBuilding(mention.building, draft.description, buildings);
  if (named) return { building: named, unit: mention.unit, room: mention.room, place: null, location };
  const there = !mention.building && location ? buildingInLabel(location.label, buildings) : null;
  if (there) {
    const { unit, room } = mention.unit ? mention : there;
    return { building: there.building, unit, room, place: null, location };
  }
  if (!mention.building && mention.atHome && info.home) {
    const home = extractLocation(`${info.home.building}${info.home.unit}`);
    const building = findBuilding(home.building, info.home.building, buildings);
    if (building) return { building, unit: mention.unit ?? home.unit, room: null, place: null, location };
  }
  const words = mention.place && !DEICTIC.test(mention.place) ? mention.place : null;
  const place = words ?? mention.building?.text ?? location?.label ?? null;
  return place || location ? { building: null, unit: null, room: null, place, location } : null;
}

/** An open complaint of the same kind in the same building in the last 7 days, by someone else. */
export async function similarOpen(
  ctx: BotContext,
  communityId: Types.ObjectId,
  building: string,
  category: Complaint['category'],
): Promise<ComplaintDoc | null> {
  const since = new Date(ctx.now.getTime() - 7 * 24 * 3600 * 1000);
  const [found] = await ctx.services.models.Complaint.find({
    communityId,
    building,
    category,
    state: { $in: OPEN_STATES },
    createdAt: { $gte: since },
    'reporter.userId': { $ne: ctx.sender.userId },
  })
    .sort({ createdAt: 1 })
    .limit(1);
  return found ?? null;
}

/**
 * Building and category only: anyone may be asked this, unregistered residents too, so nothing else of another
 * person's complaint (its number, unit, state, time, words) is told before they join it.
 */
export const similarQuestion = (original: Pick<ComplaintDoc, 'building' | 'category'>) =>
  [
    `${original.building ?? ''}最近已有居民反映过「${categoryLabel(original.category)}」问题。`,
    '请问和您说的是同一个问题吗？回复「是」，我把您加入这件诉求，进展同时告诉您；回复「不是」，另行登记。',
  ].join('\n');

export interface FileRequest {
  draft: ReportDraft;
  info: ReporterInfo;
  placement: Placement;
  held: readonly HeldMedia[];
  /** The reporter said it is the same problem as this open complaint. */
  sameAs?: ComplaintDoc | null;
}

/**
 * Files the complaint: numbered, routed (building → grid → leader), the handler's card sent and the time
 * limits set; or, when it is the same problem as an open one, filed as 重复 and its reporter added to the
 * original's followers. Answers the reporter. A retried message finds what it filed.
 */
export async function fileComplaint(ctx: BotContext, request: FileRequest): Promise<ComplaintDoc> {
  const { draft, info, placement, sameAs } = request;
  const { models } = ctx.services;
  const community = info.community;
  const sla = slaOf(community);
  const tier = tierOf(draft.category, draft.urgent);
  // The same problem stays with whoever handles the original.
  const assignment = sameAs ? null : await assignFor(models, community, placement.building);
  const { gridId, handlerUserId, handlerName } = assignment ?? sameAs!;
  const photos = await storePhotos(ctx, info.owner, request.held);
  const month = currentYearMonth(ctx.now, ctx.timeZone);
  const clocks = startClocks(ctx.now, tier, sla);
  const complaint = await insertNumbered(models, Number(month.slice(0, 4)), {
    communityId: community._id,
    month,
    sourceKey: ctx.message.dedupeKey,
    reporter: info.reporter,
    category: draft.category,
    urgent: draft.urgent,
    tier,
    description: ctx.ownWords(draft.description),
    ...placement,
    gridId,
    handlerUserId,
    handlerName,
    state: sameAs ? 'duplicate' : 'pending',
    referredTo: null,
    duplicateOf: sameAs?._id ?? null,
    duplicateOfNumber: sameAs?.number ?? null,
    subscribers: [info.reporter.userId],
    photos,
    history: [
      {
        version: 1,
        step: 'report',
        from: null,
        to: sameAs ? 'duplicate' : 'pending',
        byUserId: info.reporter.userId,
        byName: info.reporter.name,
        at: ctx.now,
        note: sameAs ? `反映人确认与 ${sameAs.number} 是同一问题` : '',
        photos,
      },
    ],
    version: 1,
    ...clocks,
    respondedAt: null,
    resolvedAt: null,
    rating: null,
    ratingComment: '',
  });
  const photoNote = photos.length > 0 ? `已附上${photos.length}张照片。` : '';
  const filed = { step: 'report', byUserId: info.reporter.userId } as const;

  if (sameAs) {
    const { complaint: original } = await applyChange(
      models,
      sameAs._id,
      `${ctx.message.dedupeKey}-follow`,
      ctx.now,
      () => ({ update: { $addToSet: { subscribers: info.reporter.userId } } }),
    );
    await tell(
      ctx,
      `cpl-${String(complaint._id)}-v1-h`,
      [original.handlerUserId],
      `诉求 ${original.number}（${placeText(original)}）又有居民反映同一问题（${complaint.number}）：${excerpt(complaint.description, 100)}${photos.length > 0 ? `（附${photos.length}张照片）` : ''}`,
    );
    await forwardPhotos(ctx, complaint, filed, photos);
    await ctx.reply(
      `好的，您的反映（编号 ${complaint.number}）已并入 ${original.number}（${categoryLabel(original.category)}，${placeText(original)}，${STATE_LABELS[original.state]}），由${original.handlerName}负责办理，进展会同时告诉您。${photoNote}`,
    );
    return complaint;
  }

  await sendCard(ctx, complaint, `cpl-${String(complaint._id)}-v1-card`);
  await forwardPhotos(ctx, complaint, filed, photos);
  await scheduleTimers(ctx.services.complaintTimers, complaint, sla, ctx.now);
  const lines = [
    `已收到您的反映，编号 ${complaint.number}（${categoryLabel(complaint.category)}，${placeText(complaint)}）。`,
    `由${assignment?.label}负责处理，${promise(complaint, acceptLimitMs(sla, tier), resolveLimitMs(sla, tier))}。`,
    `办理进展会随时告诉您，也可以发「进度 ${complaint.number}」查看。${photoNote}10分钟内还可以接着发照片。`,
  ];
  if (draft.urgent) lines.push('情况危急时，请同时拨打119、110或燃气、供电抢修电话。');
  await ctx.reply(lines.join('\n'));
  return complaint;
}
