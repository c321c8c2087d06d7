import type { MemberDoc } from '../../bot/sender.js';
import { maskPhone } from '../../domain/mask.js';
import {
  DUES_CATEGORY_LABELS,
  type DuesCategory,
  labelOf,
  MEMBER_STATUS_LABELS,
  type MemberStatus,
  ROLE_LABELS,
  type Role,
} from '../../domain/member-vocabulary.js';
import type { Models } from '../../models/index.js';

export interface MemberCardNames {
  branch: string | null;
  partyGroup: string | null;
  grid: string | null;
}

/** Officers who call their own branch's members: they see the phone in full (README, privacy rules). */
const BRANCH_OFFICERS: readonly Role[] = ['secretary', 'deputy_secretary', 'organiser'];

/** Whether `reader` sees `member`'s phone in full: an officer of the member's own branch. Everyone else, masked. */
export function seesFullPhone(reader: MemberDoc, member: MemberDoc): boolean {
  return (
    reader.branchId !== null &&
    String(reader.branchId) === String(member.branchId) &&
    (reader.roles as Role[]).some((r) => BRANCH_OFFICERS.includes(r))
  );
}

/** What the bot holds about a member, for a person to read: phone masked unless `fullPhone`, codes in Chinese. */
export function formatMemberCard(member: MemberDoc, names: MemberCardNames, fullPhone = false): string {
  const where = [names.branch, names.partyGroup].filter(Boolean).join(' · ');
  const status = labelOf(MEMBER_STATUS_LABELS, member.status as MemberStatus);
  const mobility =
    member.status === 'mobile' && member.mobility
      ? `（${[member.mobility.whereTo, member.mobility.since && `自${member.mobility.since}`].filter(Boolean).join('，')}）`
      : '';
  const address = member.address
    ? `${member.address.building}${member.address.unit}${member.address.room}`
    : '';
  const lines = [
    `${member.name}${where ? `（${where}）` : ''}`,
    `身份：${(member.roles as Role[]).map((r) => labelOf(ROLE_LABELS, r)).join('、')} · ${labelOf(DUES_CATEGORY_LABELS, member.duesCategory as DuesCategory)}`,
    `状态：${status}${mobility}${member.probationary ? '（预备党员）' : ''}`,
    `网格：${names.grid ?? '未分配'}`,
    `手机：${fullPhone ? (member.phone ?? '未登记') : maskPhone(member.phone)}`,
    `住址：${address || '未登记'}`,
  ];
  if (member.joinedOn) lines.push(`入党日期：${member.joinedOn}`);
  if (member.proxyPayer) {
    lines.push(
      `代缴人：${member.proxyPayer.name}${member.proxyPayer.relation ? `（${member.proxyPayer.relation}）` : ''}`,
    );
  }
  return lines.join('\n');
}

/** Looks up the branch, party group and grid names a card shows. */
export async function cardNames(models: Models, member: MemberDoc): Promise<MemberCardNames> {
  const [branch, partyGroup, grid] = await Promise.all([
    member.branchId ? models.Branch.findById(member.branchId) : null,
    member.partyGroupId ? models.PartyGroup.findById(member.partyGroupId) : null,
    member.gridId ? models.Grid.findById(member.gridId) : null,
  ]);
  return {
    branch: branch?.name ?? null,
    partyGroup: partyGroup?.name ?? null,
    grid: grid ? `${grid.code} ${grid.name}` : null,
  };
}
