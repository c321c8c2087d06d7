/**
 * The life of a complaint (domain.md §4.2, §4.5): 待受理 → 已受理 → 办理中 → 已办结 → 已回访, with the side
 * exits 转派 (back to 待受理 with another handler), 转办 (an outside department), 不予受理 (reason required)
 * and 重复 (linked to the original). One table says which step may follow which state and who may take
 * it; every refusal says why in words the person can act on.
 */

export const STATES = [
  'pending',
  'accepted',
  'in_progress',
  'referred',
  'resolved',
  'closed',
  'rejected',
  'duplicate',
] as const;
export type State = (typeof STATES)[number];

export const STATE_LABELS: Readonly<Record<State, string>> = {
  pending: '待受理',
  accepted: '已受理',
  in_progress: '办理中',
  referred: '已转办',
  resolved: '已办结',
  closed: '已回访',
  rejected: '不予受理',
  duplicate: '重复',
};

/** Someone still owes the reporter work: the resolve clock runs, and 待办 lists them. */
export const OPEN_STATES: readonly State[] = ['pending', 'accepted', 'in_progress', 'referred'];
export const isOpen = (state: State): boolean => OPEN_STATES.includes(state);

/**
 * Who someone is to one complaint. reporter: filed it; subscriber: reported the same problem (a duplicate)
 * and follows it; handler: it is assigned to them; manager: a secretary or administrator of the community.
 */
export type Actor = 'reporter' | 'subscriber' | 'handler' | 'manager';

export const STEPS = [
  'report',
  'accept',
  'progress',
  'note',
  'reassign',
  'refer',
  'reject',
  'mark_duplicate',
  'resolve',
  'rate',
  'reopen',
] as const;
export type Step = (typeof STEPS)[number];

interface Rule {
  label: string;
  from: readonly State[] | 'any';
  /** null: the state stays as it is (a note). */
  to: State | null;
  by: readonly Actor[];
  /** What the note must say, when one is required. */
  note?: string;
  /** The handler's first answer to a new complaint: what 响应率 measures. */
  responds?: boolean;
}

const WORKERS: readonly Actor[] = ['handler', 'manager'];

export const RULES: Readonly<Record<Step, Rule>> = {
  report: { label: '反映', from: [], to: 'pending', by: ['reporter'] },
  accept: { label: '受理', from: ['pending'], to: 'accepted', by: WORKERS, responds: true },
  progress: {
    label: '反馈进展',
    from: ['accepted', 'in_progress'],
    to: 'in_progress',
    by: WORKERS,
    note: '进展',
  },
  note: { label: '补充', from: 'any', to: null, by: ['reporter', 'subscriber', ...WORKERS], note: '内容' },
  reassign: {
    label: '转派',
    from: ['pending', 'accepted', 'in_progress'],
    to: 'pending',
    by: WORKERS,
    note: '转给谁',
  },
  refer: {
    label: '转办',
    from: ['pending', 'accepted', 'in_progress'],
    to: 'referred',
    by: WORKERS,
    note: '转交的部门',
    responds: true,
  },
  reject: {
    label: '不予受理',
    from: ['pending', 'accepted'],
    to: 'rejected',
    by: WORKERS,
    note: '原因',
    responds: true,
  },
  mark_duplicate: {
    label: '标为重复',
    from: ['pending', 'accepted'],
    to: 'duplicate',
    by: WORKERS,
    note: '原诉求编号',
    responds: true,
  },
  resolve: {
    label: '办结',
    from: ['pending', 'accepted', 'in_progress', 'referred'],
    to: 'resolved',
    by: WORKERS,
    note: '办理结果',
    responds: true,
  },
  rate: { label: '评价', from: ['resolved'], to: 'closed', by: ['reporter'] },
  reopen: { label: '评价', from: ['resolved'], to: 'in_progress', by: ['reporter'] },
};

export const stepLabel = (step: Step): string => RULES[step].label;

const ACTOR_WORDS: Readonly<Record<Actor, string>> = {
  reporter: '反映人',
  subscriber: '反映过同一问题的居民',
  handler: '承办人',
  manager: '书记',
};

/** Why `step` may not be taken now by someone who is `actors` to the complaint, or null when it may. */
export function refusal(
  step: Step,
  state: State,
  actors: readonly Actor[],
  ticket: { number: string },
  note = '',
): string | null {
  const rule = RULES[step];
  if (!rule.by.some((a) => actors.includes(a))) {
    const who = [...new Set(rule.by.map((a) => ACTOR_WORDS[a]))].join('或');
    return `只有${who}可以${rule.label}诉求 ${ticket.number}。`;
  }
  if (rule.from !== 'any' && !rule.from.includes(state)) {
    return `诉求 ${ticket.number} 现在是「${STATE_LABELS[state]}」，不能${rule.label}。${nextHint(state, actors, ticket)}`;
  }
  if (rule.note && !note.trim()) return `${rule.label}需要写明${rule.note}。`;
  return null;
}

/** What can still happen in each state, so a refusal points somewhere: for those who work on it… */
const WORKER_HINT: Readonly<Record<State, string>> = {
  pending: '请先受理。',
  accepted: '',
  in_progress: '',
  referred: '已转交外部门办理，有结果后可以办结。',
  resolved: '已办结，等待反映人评价。',
  closed: '已办结并评价。',
  rejected: '已不予受理。',
  duplicate: '已并入原诉求办理，请在原诉求上操作。',
};

/** …and for residents, who can wait, add news or report anew (「编号」 stands for the number). */
const RESIDENT_HINT: Readonly<Record<State, string>> = {
  pending: '办结后会请您评价；有新情况可发「补充 编号 内容」。',
  accepted: '办结后会请您评价；有新情况可发「补充 编号 内容」。',
  in_progress: '办结后会请您评价；有新情况可发「补充 编号 内容」。',
  referred: '已转交外部门办理，有结果会告诉您；有新情况可发「补充 编号 内容」。',
  resolved: '',
  closed: '您已评价过了，如有新问题请重新反映。',
  rejected: '如有疑问请联系社区，有新情况请重新反映。',
  duplicate: '已并入原诉求办理，进展会一并告诉您。',
};

function nextHint(state: State, actors: readonly Actor[], ticket: { number: string }): string {
  const worker = actors.includes('handler') || actors.includes('manager');
  return (worker ? WORKER_HINT : RESIDENT_HINT)[state].replace('编号', ticket.number);
}

/** The state after `step`; a note leaves it as it was. */
export const nextState = (step: Step, state: State): State => RULES[step].to ?? state;

/** 补充 from a handler is news on the work (办理中); from anyone else, or on a closed matter, a note. */
export function supplementStep(state: State, actors: readonly Actor[]): Step {
  const worker = actors.includes('handler') || actors.includes('manager');
  return worker && RULES.progress.from !== 'any' && RULES.progress.from.includes(state) ? 'progress' : 'note';
}
