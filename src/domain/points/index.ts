/** Points (积分): the configurable rule table and the pure scoring of members from their records. */

export {
  type CategoryPoints,
  exclusionReason,
  type ItemPoints,
  type MemberPoints,
  type PointEvent,
  type PointsMember,
  type RankedPoints,
  rankMembers,
  scoreMember,
} from './engine.js';
export {
  DEFAULT_POINT_RULES,
  POINT_EVENT_UNITS,
  POINT_EVENTS,
  type PointCategory,
  type PointEventKind,
  type PointRule,
  type PointRules,
  PointRulesSchema,
} from './rules.js';
