import { labelOf, ROLE_LABELS } from '../domain/member-vocabulary.js';
import type { Models } from '../models/index.js';

/** Someone the simulator can chat as. */
export interface Person {
  userId: string;
  name: string;
  branch: string | null;
  /** Chinese role names, e.g. ['党员', '书记']. */
  roles: string[];
}

const LIMIT = 50;

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Members of the first community whose name or userid contains `q`, in roster order. */
export async function findPeople(models: Models, q: string): Promise<Person[]> {
  const community = await models.Community.findOne().sort({ _id: 1 }).lean();
  if (!community) return [];
  const pattern = { $regex: escapeRegex(q), $options: 'i' };
  const [members, branches] = await Promise.all([
    models.Member.find({
      communityId: community._id,
      ...(q && { $or: [{ name: pattern }, { wecomUserId: pattern }] }),
    })
      .sort({ _id: 1 })
      .limit(LIMIT)
      .lean(),
    models.Branch.find({ communityId: community._id }).lean(),
  ]);
  const branchNames = new Map(branches.map((b) => [String(b._id), b.name]));
  return members.map((m) => ({
    userId: m.wecomUserId,
    name: m.name,
    branch: m.branchId ? (branchNames.get(String(m.branchId)) ?? null) : null,
    roles: m.roles.map((r) => labelOf(ROLE_LABELS, r)),
  }));
}
