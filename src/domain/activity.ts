import lexicon from './lexicons/activity-types.json' with { type: 'json' };
import { buildLexicon } from './lexicons/lexicon.js';
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

/** What members call each type, stories included (量血压 is 志愿服务): data in lexicons/activity-types.json. */
export const ACTIVITY_LEXICON = buildLexicon<ActivityType>(
  lexicon,
  // On a tie the more specific kind wins: 「帮忙包饺子慰问孤寡老人」 is a visit, helping is how it was done.
  ['meeting', 'study', 'culture', 'duty', 'visit', 'volunteer', 'other'],
);

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

/** The type a sentence tells, or null when it names none (the bot then asks). */
export function inferType(text: string): ActivityType | null {
  return ACTIVITY_LEXICON.classify(stripFillers(text).replace(LEAD_WORDS, ''))?.category ?? null;
}

const PLACE =
  /(?:在|去|到)([\u4e00-\u9fa5A-Za-z0-9号楼栋单元室区]{2,16}?)(?=[，,。 ]|参加|开展|值班|走访|看望|慰问|帮|打扫|学习|演|$)/;
const COMPANIONS = /(?:和|跟|与|同)((?:老|小)?[\u4e00-\u9fa5]{1,3}?)(?=[、，, 一起去到在]|一起|$)/g;
/** 「帮我记一下」, 「记个活动」, 「給我記錄一下」: the request to record, not part of what was done. */
const LEAD_WORDS =
  /^(?:(?:麻烦)?(?:帮我|帮忙|给我|給我)?(?:(?:记录|記錄)(?:一下|下)?|[记記纪](?:一下|以下|一夏|下来|下|个|一笔|上))(?:活动|活動)?(?:吧|哈)?[\s:：]*)+/;
/**
 * Words that only made sense next to the date or duration read out of the sentence: 差不多 and 大概 qualify
 * the hours, 干了 and 搞了 carry them (「打扫卫生 干了俩钟头」), 左右 follows them.
 */
const AROUND_DURATION_BEFORE =
  /(?:从|差不多|大概|大约|约莫|约|将近|得有|足足|整整|前后|一共|总共|(?:干|搞|弄|忙|待|呆|花|用)了)\s*$/;
const AROUND_DURATION_AFTER = /^\s*(?:左右|上下|的样子|来的)/;

/** `text` without `matched` at `index`, nor the words that only qualified it. */
function cutOut(text: string, index: number, matched: string): string {
  const before = text.slice(0, index).replace(AROUND_DURATION_BEFORE, '');
  const after = text.slice(index + matched.length).replace(AROUND_DURATION_AFTER, '');
  // Chinese runs on without spaces: 「我昨儿个下午」 becomes 「我下午」, not 「我 下午」.
  const joined = /\p{Script=Han}$/u.test(before) && /^\p{Script=Han}/u.test(after);
  return `${before}${joined ? '' : ' '}${after}`;
}

/** Pure: one message → what it says happened. The handler validates and asks for what is missing. */
export function parseActivity(raw: string, now: Date, timeZone: string): ActivityDraft {
  let text = stripFillers(raw).replace(LEAD_WORDS, '');
  const type = inferType(text);
  const date = parseDate(text, now, timeZone);
  if (date) text = cutOut(text, date.index, date.matched);
  const duration = parseDurationMinutes(text);
  if (duration) text = cutOut(text, duration.index, duration.matched);
  const place = PLACE.exec(text)?.[1] ?? null;
  const companions = [...text.matchAll(COMPANIONS)].map((m) => m[1]!).filter((n) => n.length >= 2);
  const description = text
    .replace(/\s+/g, ' ')
    .replace(/^[\s，,。]+|[\s，,。]+$/g, '')
    .trim();
  return {
    type,
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
