/**
 * The slots a command's parser read, in the corpus's words (fixtures/nlu: `slots` of each line), so a labelled
 * line can be checked against what the bot would act on. Pure: the caller runs the command's `parse` and hands
 * over the arguments it returned (or nothing, when it asked a question or refused).
 */

export type Slots = Record<string, string | number | boolean>;

type Args = Record<string, unknown>;

const METHOD_SLOT: Readonly<Record<string, string>> = { wechat: 'wechat', cash: 'cash', transfer: 'bank' };

/** Copies the entries whose value is set (not null, undefined or false). */
function set(entries: Record<string, unknown>): Slots {
  const slots: Slots = {};
  for (const [key, value] of Object.entries(entries)) {
    if (typeof value === 'string' || typeof value === 'number' || value === true) slots[key] = value;
  }
  return slots;
}

/** A command's parsed arguments → the corpus's slots for its intent; {} for intents without slots. */
export function specSlots(intent: string, args: unknown): Slots {
  if (!args || typeof args !== 'object') return {};
  const a = args as Args;
  switch (intent) {
    case 'activity.log':
      return set({ type: a.type, minutes: a.minutes, date: a.dateAssumed ? undefined : a.date });
    case 'complaint.report': {
      const draft = (a.draft ?? {}) as Args;
      return set({ category: draft.category, urgent: draft.urgent });
    }
    case 'complaint.progress':
    case 'complaint.add':
      return set({ number: a.number });
    case 'complaint.rate':
      return set({ rating: a.rating, number: (a.ref as Args | null)?.number });
    case 'dues.pay': {
      const amount = (a.amount ?? {}) as Args;
      const listed = Array.isArray(amount.months) ? amount.months.length : undefined;
      // 「这个月的」 next to a sum says which month, not how many: the corpus gives it no count.
      const months = amount.kind === 'fen' && listed === 1 ? undefined : (listed ?? amount.count);
      return set({
        member: a.memberName,
        amountFen: amount.kind === 'fen' ? amount.fen : undefined,
        months,
        method: METHOD_SLOT[String(a.method)],
        proxy: a.proxy ? true : undefined,
      });
    }
    case 'dues.standard':
      return set({ incomeFen: a.incomeFen, category: a.category });
    case 'member.find':
      return set({ member: a.name });
    case 'study.makeup':
    case 'study.deliver':
      return set({ member: typeof a.words === 'string' ? a.words.split(/\s+/)[0] : undefined });
    case 'study.leave':
    case 'study.cancel':
    case 'study.topic':
      return set({ date: a.date });
    case 'study.move':
      return set({ date: a.from });
    default:
      return {};
  }
}

export interface SlotComparison {
  /** Every expected slot read right and nothing extra. */
  ok: boolean;
  /** Per slot name: expected slots read right / wrong or missing, and slots read that the line does not give. */
  right: string[];
  wrong: string[];
  extra: string[];
}

export function compareSlots(expected: Slots, got: Slots): SlotComparison {
  const right: string[] = [];
  const wrong: string[] = [];
  for (const [key, value] of Object.entries(expected)) (got[key] === value ? right : wrong).push(key);
  const extra = Object.keys(got).filter((key) => !(key in expected));
  return { ok: wrong.length === 0 && extra.length === 0, right, wrong, extra };
}
