/**
 * The closed vocabularies of the member register, with the Chinese words people write for them.
 * Stored values are the English codes; every screen and spreadsheet shows the first Chinese label.
 */

export const ROLES = [
  'member',
  'secretary',
  'deputy_secretary',
  'organiser',
  'grid_leader',
  'staff',
  'admin',
  'street',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, readonly string[]> = {
  member: ['党员'],
  secretary: ['书记', '支部书记'],
  deputy_secretary: ['副书记', '支部副书记'],
  organiser: ['组织委员'],
  grid_leader: ['网格长', '网格员'],
  staff: ['社工', '社区工作者', '工作人员'],
  admin: ['管理员'],
  /** 街道 staff: the figures of every community the deployment serves, a line each. */
  street: ['街道', '街道工作人员', '街道干部'],
};

export const DUES_CATEGORIES = [
  'employed',
  'retired',
  'student',
  'unemployed',
  'low_income',
  'farmer',
  'other',
] as const;
export type DuesCategory = (typeof DUES_CATEGORIES)[number];

export const DUES_CATEGORY_LABELS: Record<DuesCategory, readonly string[]> = {
  employed: ['在职'],
  retired: ['退休', '离退休'],
  student: ['学生'],
  unemployed: ['失业', '下岗', '下岗失业'],
  low_income: ['低保'],
  farmer: ['农民'],
  other: ['其他'],
};

export const MEMBER_STATUSES = ['active', 'mobile', 'suspended', 'transferred_out', 'deceased'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

export const MEMBER_STATUS_LABELS: Record<MemberStatus, readonly string[]> = {
  active: ['正常'],
  mobile: ['流动', '流动党员'],
  suspended: ['停止党籍'],
  transferred_out: ['转出'],
  deceased: ['去世', '已故'],
};

export const BRANCH_KINDS = ['resident', 'retired', 'employed', 'mobile', 'other'] as const;
export type BranchKind = (typeof BRANCH_KINDS)[number];

export const BRANCH_KIND_LABELS: Record<BranchKind, readonly string[]> = {
  resident: ['居民支部'],
  retired: ['退休支部'],
  employed: ['在职支部'],
  mobile: ['流动党员支部'],
  other: ['其他'],
};

/** The code for a Chinese label (or the code itself), or undefined. */
export function codeForLabel<T extends string>(
  labels: Record<T, readonly string[]>,
  text: string,
): T | undefined {
  const wanted = text.trim();
  for (const [code, words] of Object.entries(labels) as Array<[T, readonly string[]]>) {
    if (code === wanted || words.includes(wanted)) return code;
  }
  return undefined;
}

export const labelOf = <T extends string>(labels: Record<T, readonly string[]>, code: T): string =>
  labels[code][0] ?? code;

/**
 * A roster row nobody has bound to a WeCom account yet (a 花名册 has no userids) carries this prefix and its
 * own id as its userid: WeCom userids begin with a letter or digit, so it never matches a sender, and the
 * unique (community, userid) index keeps working. Nothing is ever sent to it.
 */
export const UNBOUND_PREFIX = '~';
export const unboundUserId = (memberId: string): string => `${UNBOUND_PREFIX}${memberId}`;
export const isBoundUserId = (userId: string): boolean => !userId.startsWith(UNBOUND_PREFIX);
