import { groupBy } from '../../activities/grouping.js';
import { ACTIVITY_TYPE_LABELS, type ActivityType } from '../../domain/activity.js';
import { hours, type YearMonth } from '../../domain/text/index.js';
import type { Models } from '../../models/index.js';
import type { DeskScope } from '../scope.js';
import type { DeskSection } from './types.js';

const TOP_TYPES = 3;

async function activityFigures(models: Models, scope: DeskScope, months: YearMonth[]) {
  const match = { ...scope.filter, month: { $in: months }, undoneAt: null };
  const [byType, byMember] = await Promise.all([
    groupBy(models, match, 'type'),
    groupBy(models, match, 'memberId'),
  ]);
  const count = byType.reduce((sum, b) => sum + b.count, 0);
  const minutes = byType.reduce((sum, b) => sum + b.minutes, 0);
  const volunteer = byType.find((b) => b._id === 'volunteer')?.minutes ?? 0;
  return { byType, people: byMember.length, count, minutes, volunteer };
}

const typeLine = (b: { _id: unknown; count: number; minutes: number }) =>
  `${ACTIVITY_TYPE_LABELS[b._id as ActivityType] ?? String(b._id)} ${b.count}次/${hours(b.minutes)}`;

export const activitySection: DeskSection = {
  title: '活动',
  async compute({ models, scope }, months) {
    const f = await activityFigures(models, scope, months);
    if (f.count === 0) return ['没有活动记录。'];
    return [
      `共${f.count}次，${f.people}人参与，合计${hours(f.minutes)}；其中志愿服务${hours(f.volunteer)}`,
      `主要类型：${f.byType.slice(0, TOP_TYPES).map(typeLine).join('；')}`,
    ];
  },
  async disclose({ models, scope }, months) {
    const f = await activityFigures(models, scope, months);
    if (f.count === 0) return ['本期没有登记活动。'];
    return [
      `党员登记参加活动 ${f.count}次，${f.people}人参与，志愿服务合计${hours(f.volunteer)}。`,
      `主要有：${f.byType.slice(0, TOP_TYPES).map(typeLine).join('；')}。`,
    ];
  },
};
