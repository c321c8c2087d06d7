import type { Sender } from '../bot/sender.js';
import { categoryLabel } from '../domain/complaints/categories.js';
import { isOpen, STATE_LABELS, stepLabel } from '../domain/complaints/lifecycle.js';
import { overdue, TIER_LABELS } from '../domain/complaints/sla.js';
import type { Complaint, ComplaintHistoryEntry } from '../models/complaint.js';
import { readsResidents, reporterText, seesReporter } from './access.js';
import { formatTime, placeText, summaryLine } from './messages.js';

/**
 * Complaints as listed and shown to someone: the reporter's name and phone in full only for those
 * entitled (access.ts), masked for everyone else — every listing goes through here.
 */

export function overdueTags(c: Complaint, at: Date): string {
  const late = overdue(c, at);
  return [late.accept ? '超时未受理' : '', late.resolve ? '超时未办结' : ''].filter(Boolean).join('、');
}

/** One line of a list: what, where, state, who handles it, who reported it, and lateness. */
export function listLine(c: Complaint, viewer: Sender, at: Date): string {
  const late = overdueTags(c, at);
  return `${summaryLine(c)} · 承办人${c.handlerName} · 反映人${reporterText(c.reporter, seesReporter(c, viewer))}${late ? ` · ${late}` : ''}`;
}

const byResident = (c: Complaint, entry: ComplaintHistoryEntry) =>
  entry.byUserId === c.reporter.userId || c.subscribers.includes(entry.byUserId);

/** Who took a step, as a viewer may see it: workers by name, residents by their part. */
function stepBy(c: Complaint, entry: ComplaintHistoryEntry): string {
  if (entry.byUserId === c.reporter.userId) return '反映人';
  if (c.subscribers.includes(entry.byUserId)) return '居民';
  return entry.byName || '社区';
}

/** 进度: the whole story of one complaint. */
export function detail(c: Complaint, viewer: Sender, timeZone: string, at: Date): string {
  // A resident's words reach the workers and the resident who wrote them, not other residents.
  const worker = readsResidents(c, viewer);
  const lines = [
    `诉求 ${c.number} · ${categoryLabel(c.category)}（${TIER_LABELS[c.tier]}）`,
    `地点：${placeText(c)}`,
    ...(worker || c.reporter.userId === viewer.userId ? [`内容：${c.description}`] : []),
    `反映人：${reporterText(c.reporter, seesReporter(c, viewer))}`,
    `状态：${STATE_LABELS[c.state]}${c.referredTo && c.state === 'referred' ? `（${c.referredTo}）` : ''} · 承办人${c.handlerName}`,
  ];
  if (c.state === 'duplicate')
    lines.push(`已并入 ${c.duplicateOfNumber} 办理，发「进度 ${c.duplicateOfNumber}」可查看。`);
  if (isOpen(c.state)) {
    const late = overdueTags(c, at);
    if (c.state === 'pending') lines.push(`受理时限：${formatTime(c.acceptDeadline, timeZone)}`);
    lines.push(`办结时限：${formatTime(c.resolveDeadline, timeZone)}${late ? `（${late}）` : ''}`);
  }
  if (c.photos.length > 0) lines.push(`照片：${c.photos.length}张`);
  lines.push('经过：');
  for (const h of c.history) {
    if (h.step === 'note' && byResident(c, h) && !worker && h.byUserId !== viewer.userId) continue;
    const photos = h.photos.length > 0 ? `（照片${h.photos.length}张）` : '';
    lines.push(
      `${formatTime(h.at, timeZone)} ${stepLabel(h.step)}（${stepBy(c, h)}）${h.note ? `：${h.note}` : ''}${photos}`,
    );
  }
  if (c.state === 'resolved' && c.reporter.userId === viewer.userId) {
    lines.push(`请您评价：回复「评价 ${c.number} 满意」，或「基本满意」「不满意」。`);
  }
  return lines.join('\n');
}
