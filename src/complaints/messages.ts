import { TZDate } from '@date-fns/tz';
import { categoryLabel } from '../domain/complaints/categories.js';
import { STATE_LABELS, stepLabel } from '../domain/complaints/lifecycle.js';
import { asksForPhone } from '../domain/complaints/phones.js';
import { formatLimit, TIER_LABELS } from '../domain/complaints/sla.js';
import type { Complaint, ComplaintHistoryEntry } from '../models/complaint.js';

/**
 * The plain text people read about complaints (readable in the WeChat plugin): short, the next step
 * spelled out. Reporter details never appear here; callers add them for those entitled (access.ts).
 */

type C = Pick<
  Complaint,
  | 'number'
  | 'category'
  | 'building'
  | 'unit'
  | 'room'
  | 'place'
  | 'location'
  | 'state'
  | 'tier'
  | 'description'
  | 'handlerName'
  | 'referredTo'
  | 'duplicateOfNumber'
  | 'reporter'
  | 'subscribers'
>;

/** 「11月23日 14:05」 on the community's clocks. */
export function formatTime(at: Date, timeZone: string): string {
  const t = new TZDate(at.getTime(), timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${t.getMonth() + 1}月${t.getDate()}日 ${pad(t.getHours())}:${pad(t.getMinutes())}`;
}

/**
 * A step's notice with the step's time on its first line. WeCom drops a message identical to one sent to
 * the same person within 4 hours (enable_duplicate_check), and a complaint can take the same step twice
 * (受理, 转派 away, 受理 again): the time keeps each step's notice its own.
 */
export function stamped(text: string, at: Date, timeZone: string): string {
  const [first, ...rest] = text.split('\n');
  return [`${first}（${formatTime(at, timeZone)}）`, ...rest].join('\n');
}

export function placeText(c: Pick<C, 'building' | 'unit' | 'room' | 'place' | 'location'>): string {
  if (c.building) return `${c.building}${c.unit ?? ''}${c.room ? `${c.room}室` : ''}`;
  const named = c.place || c.location?.label;
  if (named) return named;
  // WeCom may send a location without a label: its coordinates still say where.
  return c.location
    ? `定位 ${c.location.latitude.toFixed(5)},${c.location.longitude.toFixed(5)}`
    : '未说明地点';
}

export const excerpt = (text: string, max = 40) =>
  [...text].length > max ? `${[...text].slice(0, max).join('')}…` : text;

/** 「2026-0153 下水道堵塞 · 5号楼2单元 · 已受理」 */
export const summaryLine = (c: C): string =>
  `${c.number} ${categoryLabel(c.category)}${c.tier === 'urgent' ? '（紧急）' : ''} · ${placeText(c)} · ${STATE_LABELS[c.state]}`;

/** How a complaint is named to its reporter, or to someone who reported the same problem and follows it. */
export const mine = (c: C, follower = false) =>
  `${follower ? '您反映过的同一问题' : '您反映的'} ${c.number}（${categoryLabel(c.category)}，${placeText(c)}）`;

/** How every request for a rating starts (the kf channel adds until when a WeChat user can answer). */
export const RATE_INVITATION = '请您评价';

/** The note a reporter's answer to 「方便留个电话吗」 leaves; the number itself stays in reporter.phone. */
export const PHONE_LEFT = '留了联系电话';
export const PHONE_DECLINED = '不方便留电话';
const PHONE_HINT = '方便的话直接回复电话号码；不方便留也没关系，回复「不方便」就行。';

export const rateInvitation = (c: Pick<C, 'number'>) =>
  `${RATE_INVITATION}：回复「评价 ${c.number} 满意」，或「基本满意」「不满意」，可以附上意见。`;

/** What the reporter (and those following the complaint) hear after a step someone else took. */
export function reporterNotice(c: C, entry: ComplaintHistoryEntry, follower = false): string | null {
  const it = mine(c, follower);
  switch (entry.step) {
    case 'accept':
      return `${it}已受理，由${c.handlerName}负责办理。`;
    case 'progress':
      // A phone is never required: the reporter is told they may decline.
      return `${it}有新进展：${entry.note}${asksForPhone(entry.note) && !follower ? `\n${PHONE_HINT}` : ''}`;
    case 'reassign':
      return `${it}已转由${c.handlerName}负责办理。`;
    case 'refer':
      return `${it}已转交${c.referredTo}办理，社区会继续跟进，有结果第一时间告诉您。`;
    case 'reject':
      return `${it}不予受理，原因：${entry.note}。如有疑问请联系社区。`;
    case 'mark_duplicate':
      return `${it}与 ${c.duplicateOfNumber} 是同一问题，已合并办理，进展会一并告诉您。`;
    case 'resolve':
      return follower ? `${it}已办结：${entry.note}` : `${it}已办结：${entry.note}\n${rateInvitation(c)}`;
    case 'note':
      // What residents add goes to the handler, not to each other.
      return c.subscribers.includes(entry.byUserId) ? null : `${it}有补充说明：${entry.note}`;
    default:
      return null;
  }
}

/**
 * What the handler hears about a step someone else took: the reporter's notes and verdict, and what a
 * manager did on their complaint (受理, 办结 … on their behalf). Their own steps are not told back to them.
 */
export function handlerNotice(
  c: C,
  entry: ComplaintHistoryEntry,
  timeZone: string,
  deadline: Date,
): string | null {
  const who = entry.byUserId === c.reporter.userId ? '反映人' : entry.byName || '居民';
  switch (entry.step) {
    case 'note':
      // The handler calls back: the number the reporter just left, in full (README, privacy).
      if (who === '反映人' && entry.note.startsWith(PHONE_LEFT) && c.reporter.phone)
        return `诉求 ${c.number}（${placeText(c)}）反映人${PHONE_LEFT}：${c.reporter.phone}，可以直接打给反映人。${entry.note.slice(PHONE_LEFT.length + 1)}`;
      return `诉求 ${c.number}（${placeText(c)}）${who}补充：${entry.note}`;
    case 'rate':
      return `诉求 ${c.number} 反映人评价：${entry.note}。`;
    case 'reopen':
      return `诉求 ${c.number} 反映人评价：${entry.note}。已重新交办，请继续办理，${formatTime(deadline, timeZone)}前办结。`;
    case 'accept':
    case 'progress':
    case 'refer':
    case 'reject':
    case 'mark_duplicate':
    case 'resolve':
      return `诉求 ${c.number}（${placeText(c)}）已由${entry.byName || '社区'}${stepLabel(entry.step)}${entry.note ? `：${entry.note}` : ''}。`;
    default:
      // report: the card; reassign: the new handler's card, the old one told apart.
      return null;
  }
}

/** The handler's message about a new complaint: the card's text, and the card's fallback. */
export function newComplaintText(c: C, reporter: string, timeZone: string, acceptDeadline: Date): string {
  return [
    `新诉求 ${c.number}${c.tier === 'urgent' ? '【紧急】' : ''}：${categoryLabel(c.category)}`,
    `地点：${placeText(c)}`,
    `内容：${excerpt(c.description, 200)}`,
    `反映人：${reporter}`,
    `请在${formatTime(acceptDeadline, timeZone)}前受理。回复「受理 ${c.number}」，或「转派 ${c.number} 网格或姓名」。`,
  ].join('\n');
}

/** 「一般诉求7天内办结」: what the reporter is promised. */
export function promise(c: Pick<C, 'tier'>, acceptLimitMs: number, resolveLimitMs: number): string {
  return `${TIER_LABELS[c.tier]}诉求${formatLimit(acceptLimitMs)}内受理、${formatLimit(resolveLimitMs)}内办结`;
}
