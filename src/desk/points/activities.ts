import type { PointSource } from './types.js';

/** Volunteering, by the hour, from the activities members record (undone ones do not count). */
export const activityPoints: PointSource = {
  id: 'activities',
  async load({ models, communityId, memberIds, months }) {
    const volunteering = await models.Activity.find(
      {
        communityId,
        memberId: { $in: memberIds },
        month: { $in: months },
        type: 'volunteer',
        undoneAt: null,
        minutes: { $gt: 0 },
      },
      { memberId: 1, minutes: 1 },
    ).lean();
    return volunteering.map((a) => ({
      memberId: String(a.memberId),
      event: 'volunteer-hour' as const,
      quantity: (a.minutes ?? 0) / 60,
    }));
  },
};
