import type { PointEventKind } from '../../domain/points/index.js';
import { monthsSpan, type Outcome, tookPart } from '../../domain/study/index.js';
import { studyFigures } from '../../study/figures.js';
import type { PointSource } from './types.js';

/** Taking part (in the room, 补签, remote or 送学上门) is attending; no record is an unexcused absence; leave is neither. */
const eventOf = (o: Outcome): PointEventKind | null =>
  tookPart(o) ? 'study-attended' : o === 'absent' ? 'absence-unexcused' : null;

/**
 * Study days, from attendance. Sessions of the whole community are read, so a member who changed branch keeps
 * the sessions of the old one.
 */
export const attendancePoints: PointSource = {
  id: 'attendance',
  async load({ models, communityId, memberIds, months, now, timeZone }) {
    const f = await studyFigures(models, { communityId }, monthsSpan(months), now, timeZone);
    const taking = new Set(memberIds.map(String));
    return f.records.flatMap((r) => {
      const event = eventOf(r.outcome);
      return event && taking.has(r.memberId) ? [{ memberId: r.memberId, event, quantity: 1 }] : [];
    });
  },
};
