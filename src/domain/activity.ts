import { civilToday, dayNumber, type IsoDate, isoDate, isoWeekday } from './text/calendar.js';
import { parseDate, parseDurationMinutes } from './text/index.js';
import { stripFillers } from './text/normalise.js';

export const ACTIVITY_TYPES = ['volunteer', 'visit', 'study', 'meeting', 'culture', 'duty', 'other'] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

export const ACTIVITY_TYPE_LABELS: Record<ActivityType, string> = {
  volunteer: '志愿服务',
  visit: '走访慰问',
  study: '学习教育',
  meeting: '组织生活/会议',
  culture: '文体活动',
  duty: '值班',
  other: '其他',
};

/**
 * Keywords per type, most specific first within the table order: 「去敬老院演节目」 is culture (演节目) even
 * though a visit; 「党小组集中学习」 is study; 「主题党日」 is organisational life.
 */
const TYPE_KEYWORDS: ReadonlyArray<[ActivityType, readonly string[]]> = [
  ['meeting', ['主题党日', '党员大会', '支委会', '党小组会', '组织生活', '开会', '民主评议', '生活会']],
  ['study', ['学习', '党课', '读书', '培训', '观看', '听讲座', '学了']],
  ['culture', ['演节目', '文艺', '唱歌', '合唱', '跳舞', '广场舞', '比赛', '文体', '书法', '运动会']],
  ['duty', ['值班', '站岗', '执勤', '值守']],
  ['visit', ['走访', '看望', '慰问', '探望', '看了', '去看', '困难户']],
  [
    'volunteer',
    [
      '志愿',
      '义务',
      '帮忙',
      '打扫',
      '清扫',
      '卫生',
      '巡河',
      '巡逻',
      '垃圾分类',
      '登记',
      '服务',
      '捡垃圾',
      '助老',
      '义诊',
      '理发',
    ],
  ],
];

export interface ActivityDraft {
  type: ActivityType | null;
  date: IsoDate;
  /** True when no date was written and today was assumed. */
  dateAssumed: boolean;
  minutes: number | null;
  place: string | null;
  /** Names after 和/跟/与/同 (老李, 王奶奶), to be matched against members by the handler. */
  companions: string[];
  description: string;
}

export function inferType(text: string): ActivityType | null {
  for (const [type, words] of TYPE_KEYWORDS) if (words.some((w) => text.includes(w))) return type;
  return null;
}

const PLACE =
  /(?:在|去|到)([\u4e00-\u9fa5A-Za-z0-9号楼栋单元室区]{2,16}?)(?=[，,。 ]|参加|开展|值班|走访|看望|慰问|帮|打扫|学习|演|$)/;
const COMPANIONS = /(?:和|跟|与|同)((?:老|小)?[\u4e00-\u9fa5]{1,3}?)(?=[、，, 一起去到在]|一起|$)/g;
const LEAD_WORDS = /^(?:记录活动|记录一下|记一下|记录|帮我记一下|帮我记)[\s:：]*/;

/** Pure: one message → what it says happened. The handler validates and asks for what is missing. */
export function parseActivity(raw: string, now: Date, timeZone: string): ActivityDraft {
  let text = stripFillers(raw).replace(LEAD_WORDS, '');
  const date = parseDate(text, now, timeZone);
  if (date) text = text.replace(date.matched, ' ');
  const duration = parseDurationMinutes(text);
  if (duration) text = text.replace(duration.matched, ' ');
  const place = PLACE.exec(text)?.[1] ?? null;
  const companions = [...text.matchAll(COMPANIONS)].map((m) => m[1]!).filter((n) => n.length >= 2);
  const description = text
    .replace(/\s+/g, ' ')
    .replace(/^[\s，,。]+|[\s，,。]+$/g, '')
    .trim();
  return {
    type: inferType(raw),
    date: date?.date ?? isoDate(civilToday(now, timeZone)),
    dateAssumed: !date,
    minutes: duration?.minutes ?? null,
    place,
    companions,
    description,
  };
}

export const MAX_DAYS_BACK = 60;

/** Why an activity cannot be recorded, or null. `loggedThatDay` is what the member already has that day. */
export function activityProblem(
  draft: Pick<ActivityDraft, 'date' | 'minutes'>,
  now: Date,
  timeZone: string,
  loggedThatDayMinutes = 0,
  maxDaysBack = MAX_DAYS_BACK,
): string | null {
  const age = dayNumber(civilToday(now, timeZone)) - dayNumber(parseIsoDate(draft.date));
  if (age < 0) return `${draft.date} 还没到，只能记录已经做过的活动。`;
  if (age > maxDaysBack)
    return `只能补记${maxDaysBack}天以内的活动，${draft.date} 太早了，请直接告诉支部书记。`;
  if (draft.minutes !== null) {
    if (draft.minutes <= 0) return '时长要大于0。';
    if (draft.minutes + loggedThatDayMinutes > 24 * 60) {
      return `${draft.date} 这一天记录的时长加起来超过24小时了，请核对一下。`;
    }
  }
  return null;
}

export function formatMinutes(minutes: number | null): string {
  if (minutes === null) return '未填时长';
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest}分钟`;
  return rest === 0 ? `${hours}小时` : rest === 30 ? `${hours}.5小时` : `${hours}小时${rest}分钟`;
}

export function parseIsoDate(date: IsoDate): { year: number; month: number; day: number } {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return { year, month, day };
}

const WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日'];

/** 2026-11-20 → 11月20日（周五）. */
export function formatDay(date: IsoDate): string {
  const civil = parseIsoDate(date);
  return `${civil.month}月${civil.day}日（周${WEEKDAYS[isoWeekday(dayNumber(civil)) - 1]}）`;
}
