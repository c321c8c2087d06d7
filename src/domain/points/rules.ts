/**
 * The points rule table (党员积分制管理, domain.md §3). No national standard exists, so the table is a setting:
 * these defaults follow the common shape (volunteering 1 point per hour, dues on time 1 per month, study days
 * 2, unexcused absence −2, per-category caps, long-absent mobile members excluded), and a deployment may
 * replace it whole (POINTS_RULES). Points are computed from records, never typed in.
 */
import { z } from 'zod';
import { DUES_CATEGORIES, MEMBER_STATUSES } from '../member-vocabulary.js';

/**
 * What the records can say happened. Each source of records (activities, the dues ledger, study-day
 * attendance) emits some of these; a rule gives each its points.
 */
export const POINT_EVENTS = [
  'volunteer-hour',
  'dues-on-time',
  'study-attended',
  'absence-unexcused',
] as const;
export type PointEventKind = (typeof POINT_EVENTS)[number];

/** The unit a quantity of each event is counted in, for the breakdown (志愿服务 10.5小时). */
export const POINT_EVENT_UNITS: Record<PointEventKind, string> = {
  'volunteer-hour': '小时',
  'dues-on-time': '个月',
  'study-attended': '次',
  'absence-unexcused': '次',
};

const CategorySchema = z.object({
  id: z.string().min(1),
  label: z.string().min(1),
  /** Most a member can earn in the category per year; deductions still count below it. Null: no cap. */
  cap: z.number().positive().nullable().default(null),
});

const RuleSchema = z.object({
  event: z.enum(POINT_EVENTS),
  label: z.string().min(1),
  /** Per unit of the event (per hour, per month, per time); negative for a deduction. */
  points: z.number().refine((n) => n !== 0, 'must not be 0'),
  category: z.string().min(1),
});

const ExclusionSchema = z.object({
  /** Member statuses that take no part (e.g. suspended). */
  statuses: z.array(z.enum(MEMBER_STATUSES)).default([]),
  /** Dues categories that take no part (some schemes leave out retirees). */
  duesCategories: z.array(z.enum(DUES_CATEGORIES)).default([]),
  /** Mobile members away at least this many months take no part; null: mobile members always do. */
  mobileAwayMonths: z.number().int().positive().nullable().default(null),
});

export const PointRulesSchema = z
  .object({
    categories: z.array(CategorySchema).min(1),
    rules: z.array(RuleSchema).min(1),
    excluded: ExclusionSchema.default({ statuses: [], duesCategories: [], mobileAwayMonths: null }),
  })
  .superRefine((table, ctx) => {
    const categories = new Set(table.categories.map((c) => c.id));
    if (categories.size !== table.categories.length)
      ctx.addIssue({ code: 'custom', message: 'category ids must be unique', path: ['categories'] });
    const events = new Set<string>();
    table.rules.forEach((rule, i) => {
      if (!categories.has(rule.category))
        ctx.addIssue({ code: 'custom', message: `unknown category "${rule.category}"`, path: ['rules', i] });
      if (events.has(rule.event))
        ctx.addIssue({ code: 'custom', message: `event "${rule.event}" has two rules`, path: ['rules', i] });
      events.add(rule.event);
    });
  });

export type PointRules = z.infer<typeof PointRulesSchema>;
export type PointRule = PointRules['rules'][number];
export type PointCategory = PointRules['categories'][number];

export const DEFAULT_POINT_RULES: PointRules = PointRulesSchema.parse({
  categories: [
    { id: 'volunteer', label: '志愿服务', cap: 50 },
    { id: 'dues', label: '按时交纳党费', cap: 12 },
    { id: 'life', label: '组织生活', cap: 24 },
  ],
  rules: [
    { event: 'volunteer-hour', label: '志愿服务每小时', points: 1, category: 'volunteer' },
    { event: 'dues-on-time', label: '当月按时交纳党费', points: 1, category: 'dues' },
    { event: 'study-attended', label: '参加学习日', points: 2, category: 'life' },
    { event: 'absence-unexcused', label: '无故缺席学习日', points: -2, category: 'life' },
  ],
  excluded: { statuses: ['suspended'], duesCategories: [], mobileAwayMonths: 6 },
});
