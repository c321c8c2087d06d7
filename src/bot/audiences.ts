import type { Role } from '../domain/member-vocabulary.js';

/**
 * Who a command is for, named once. Roles come from our records (the sender), never from the message.
 */

/** Branch and community officers: records, figures and the 党务台 are theirs. */
export const OFFICERS: readonly Role[] = ['secretary', 'deputy_secretary', 'organiser', 'admin', 'staff'];
/** Handle complaints (grid leaders, community staff) or oversee them: the handler commands are theirs. */
export const HANDLERS: readonly Role[] = ['grid_leader', 'staff', 'secretary', 'deputy_secretary', 'admin'];
/** See complaint lists and figures (待办, 超时诉求, 诉求统计). */
export const OVERSEERS: readonly Role[] = ['secretary', 'deputy_secretary', 'organiser', 'admin', 'staff'];
/** The figures a street office (街道) reads across its communities: 月报, 党费统计, 党务公开, 诉求统计. */
export const STREET_DESK: readonly Role[] = [...OFFICERS, 'street'];
