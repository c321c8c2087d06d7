import { OVERSEERS } from '../bot/audiences.js';
import type { Sender } from '../bot/sender.js';
import type { Actor } from '../domain/complaints/lifecycle.js';
import { maskName, maskPhone } from '../domain/mask.js';
import type { Role } from '../domain/member-vocabulary.js';
import { isKfAddress } from '../kf/address.js';
import type { Complaint } from '../models/complaint.js';

/**
 * Who a person is to a complaint, and what of the reporter they may see. Roles come from our records
 * (the sender), never from the message.
 */

/** May act on any complaint of their community (受理, 转派 … on someone else's behalf). */
export const MANAGERS: readonly Role[] = ['secretary', 'deputy_secretary', 'admin'];
/** Besides the handler, the only people who see a reporter's name and phone in full. */
const SEE_REPORTER: readonly Role[] = ['secretary', 'deputy_secretary'];

type Parties = Pick<Complaint, 'communityId' | 'reporter' | 'subscribers' | 'handlerUserId'>;

const rolesIn = (sender: Sender, complaint: Pick<Complaint, 'communityId'>): readonly Role[] =>
  sender.kind === 'member' && String(sender.member.communityId) === String(complaint.communityId)
    ? sender.roles
    : [];

export function actorsOf(complaint: Parties, sender: Sender): Actor[] {
  const actors: Actor[] = [];
  if (complaint.reporter.userId === sender.userId) actors.push('reporter');
  else if (complaint.subscribers.includes(sender.userId)) actors.push('subscriber');
  if (complaint.handlerUserId === sender.userId) actors.push('handler');
  if (rolesIn(sender, complaint).some((r) => MANAGERS.includes(r))) actors.push('manager');
  return actors;
}

/** Reporters, followers and handlers see their complaints; officers see all of their community's. */
export const mayView = (complaint: Parties, sender: Sender): boolean =>
  actorsOf(complaint, sender).length > 0 || rolesIn(sender, complaint).some((r) => OVERSEERS.includes(r));

export const seesReporter = (complaint: Parties, sender: Sender): boolean =>
  complaint.reporter.userId === sender.userId ||
  complaint.handlerUserId === sender.userId ||
  rolesIn(sender, complaint).some((r) => SEE_REPORTER.includes(r));

/**
 * Who may read what residents wrote (the description, their 补充): those who work on complaints. Other
 * residents following the same problem do not read each other's words.
 */
export const readsResidents = (complaint: Parties, sender: Sender): boolean =>
  actorsOf(complaint, sender).some((a) => a === 'handler' || a === 'manager') ||
  rolesIn(sender, complaint).some((r) => OVERSEERS.includes(r));

/** 「王桂兰 13800001234」 for those entitled to it, 「王** 138****1234」 for everyone else. */
export function reporterText(reporter: Complaint['reporter'], full: boolean): string {
  const phone = reporter.phone ? ` ${full ? reporter.phone : maskPhone(reporter.phone)}` : '';
  const name = full ? reporter.name || '居民' : maskName(reporter.name);
  const channel = isKfAddress(reporter.userId) ? '（居民·微信客服）' : '（居民）';
  return `${name}${phone}${reporter.kind === 'resident' ? channel : ''}`;
}
