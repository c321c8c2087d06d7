import { describe, expect, it } from 'vitest';
import { rateComplaint } from '../../src/commands/complaints/rate.js';
import {
  type Actor,
  nextState,
  RULES,
  refusal,
  STATES,
  STEPS,
  type State,
  type Step,
  supplementStep,
} from '../../src/domain/complaints/lifecycle.js';
import { findTicketNumber, formatTicketNumber } from '../../src/domain/complaints/numbers.js';
import { isSatisfied, parseRating } from '../../src/domain/complaints/rating.js';

const T = { number: '2026-0153' };
const ACTORS: Actor[] = ['reporter', 'subscriber', 'handler', 'manager'];

/**
 * The transition table written out by hand: for each step, the states it may follow, where it leads, and
 * who may take it. Every (step, state, actor) combination is checked against it.
 */
const TABLE: Record<Exclude<Step, 'report'>, { from: State[] | 'any'; to: State | null; by: Actor[] }> = {
  accept: { from: ['pending'], to: 'accepted', by: ['handler', 'manager'] },
  progress: { from: ['accepted', 'in_progress'], to: 'in_progress', by: ['handler', 'manager'] },
  note: { from: 'any', to: null, by: ['reporter', 'subscriber', 'handler', 'manager'] },
  reassign: { from: ['pending', 'accepted', 'in_progress'], to: 'pending', by: ['handler', 'manager'] },
  refer: { from: ['pending', 'accepted', 'in_progress'], to: 'referred', by: ['handler', 'manager'] },
  reject: { from: ['pending', 'accepted'], to: 'rejected', by: ['handler', 'manager'] },
  mark_duplicate: { from: ['pending', 'accepted'], to: 'duplicate', by: ['handler', 'manager'] },
  resolve: {
    from: ['pending', 'accepted', 'in_progress', 'referred'],
    to: 'resolved',
    by: ['handler', 'manager'],
  },
  rate: { from: ['resolved'], to: 'closed', by: ['reporter'] },
  reopen: { from: ['resolved'], to: 'in_progress', by: ['reporter'] },
};

describe('the transition table', () => {
  const cases = (Object.keys(TABLE) as Array<keyof typeof TABLE>).flatMap((step) =>
    STATES.flatMap((state) => ACTORS.map((actor) => [step, state, actor] as const)),
  );

  it.each(cases)('%s from %s by %s', (step, state, actor) => {
    const rule = TABLE[step];
    const allowedState = rule.from === 'any' || rule.from.includes(state);
    const allowedActor = rule.by.includes(actor);
    const reason = refusal(step, state, [actor], T, 'note');
    if (allowedState && allowedActor) {
      expect(reason).toBeNull();
      expect(nextState(step, state)).toBe(rule.to ?? state);
    } else if (!allowedActor) {
      expect(reason).toMatch(/^只有.*可以.*诉求 2026-0153。$/);
    } else {
      expect(reason).toContain(`诉求 2026-0153 现在是「`);
    }
  });

  it('lists every step', () =>
    expect(STEPS.filter((s) => s !== 'report').sort()).toEqual(Object.keys(TABLE).sort()));

  it('says why in words people can act on', () => {
    expect(refusal('accept', 'resolved', ['handler'], T)).toBe(
      '诉求 2026-0153 现在是「已办结」，不能受理。已办结，等待反映人评价。',
    );
    expect(refusal('resolve', 'pending', ['reporter'], T)).toBe('只有承办人或书记可以办结诉求 2026-0153。');
    expect(refusal('rate', 'in_progress', ['reporter'], T)).toBe(
      '诉求 2026-0153 现在是「办理中」，不能评价。办结后会请您评价；有新情况可发「补充 2026-0153 内容」。',
    );
    expect(refusal('rate', 'closed', ['reporter'], T)).toBe(
      '诉求 2026-0153 现在是「已回访」，不能评价。您已评价过了，如有新问题请重新反映。',
    );
    expect(refusal('rate', 'resolved', ['handler', 'manager'], T)).toBe('只有反映人可以评价诉求 2026-0153。');
  });

  it('requires the reason, department, target, result or original where the table says so', () => {
    for (const step of [
      'reject',
      'refer',
      'reassign',
      'resolve',
      'mark_duplicate',
      'progress',
      'note',
    ] as const) {
      const from = RULES[step].from === 'any' ? 'accepted' : RULES[step].from[0]!;
      expect(refusal(step, from, ['handler', 'reporter'], T, '  ')).toMatch(/需要写明/);
    }
    expect(refusal('reject', 'pending', ['handler'], T, '')).toBe('不予受理需要写明原因。');
  });

  it('lets anyone with several parts act in any of them', () => {
    expect(refusal('accept', 'pending', ['reporter', 'manager'], T)).toBeNull();
  });

  it('reads a handler’s 补充 as progress while the work is under way, anything else as a note', () => {
    expect(supplementStep('accepted', ['handler'])).toBe('progress');
    expect(supplementStep('in_progress', ['manager'])).toBe('progress');
    expect(supplementStep('referred', ['handler'])).toBe('note');
    expect(supplementStep('accepted', ['reporter'])).toBe('note');
  });
});

describe('complaint numbers', () => {
  it('formats per year with four digits at least', () => {
    expect(formatTicketNumber(2026, 153)).toBe('2026-0153');
    expect(formatTicketNumber(2026, 12345)).toBe('2026-12345');
  });

  it.each([
    ['2026-0153 已疏通', '2026-0153', null, '已疏通'],
    ['153号 满意', '2026-0153', '2025-0153', '满意'],
    ['0153', '2026-0153', '2025-0153', ''],
    ['满意 2025-0007', '2025-0007', null, '满意'],
    ['已疏通 0153', '2026-0153', '2025-0153', '已疏通'],
    ['2026-0153已疏通', '2026-0153', null, '已疏通'],
    // With its year, a number glued to the words around it or with a space for the dash.
    ['我那个单号2026-0098 有人接了没', '2026-0098', null, '我那个单号 有人接了没'],
    ['请问2026-0112这个处理得怎么样了', '2026-0112', null, '请问 这个处理得怎么样了'],
    ['2026 0160 到底有没有人管啊', '2026-0160', null, '到底有没有人管啊'],
    // Without, only after the word that names it.
    ['上次报修的单号0131 现在怎样了', '2026-0131', '2025-0131', '上次报修的单号 现在怎样了'],
    // Four digits with a leading zero, N号 before what is asked about it, a year said in Chinese digits.
    ['帮我看看0087咋样了', '2026-0087', '2025-0087', '帮我看看 咋样了'],
    ['我那个96号的单子有人接没', '2026-0096', '2025-0096', '我那个 的单子有人接没'],
    ['二〇二六-0075 办完没', '2026-0075', null, '办完没'],
    ['2026年0088号那个事', '2026-0088', null, '那个事'],
    ['二零二六杠零零九二 办得咋样了', '2026-0092', null, '办得咋样了'],
    ['九十五号的进度帮我查查', '2026-0095', '2025-0095', '的进度帮我查查'],
  ])('%s', (text, number, lastYear, rest) => {
    expect(findTicketNumber(text, 2026)).toEqual({ number, lastYear, rest });
  });

  it('does not take counts or buildings for numbers', () => {
    expect(findTicketNumber('已更换 3个灯泡', 2026)).toBeNull();
    expect(findTicketNumber('5号楼', 2026)).toBeNull();
    expect(findTicketNumber('住5号楼2单元', 2026)).toBeNull();
    expect(findTicketNumber('楼上漏水3天了', 2026)).toBeNull();
    expect(findTicketNumber('交了2026年的党费', 2026)).toBeNull();
    expect(findTicketNumber('0', 2026)).toBeNull();
    expect(findTicketNumber('满意', 2026)).toBeNull();
    expect(findTicketNumber('他手机186开头的 我有', 2026)).toBeNull();
    expect(findTicketNumber('我住0302室', 2026)).toBeNull();
    expect(findTicketNumber('住12号的那个老太太', 2026)).toBeNull();
  });

  it.each([
    ['2026-99999999999999999999', '2026-99999999999999999999'],
    ['进度 12345678901', '12345678901'],
    ['满意 第2026-1234567', '第2026-1234567'],
  ])('%s: a number no complaint can have is said so, not cut short', (text, shown) => {
    expect(() => findTicketNumber(text, 2026)).toThrow(`「${shown}」不是诉求编号`);
  });
});

describe('ratings', () => {
  it.each([
    ['满意', '满意', ''],
    ['非常满意 谢谢网格长', '满意', '谢谢网格长'],
    ['基本满意，就是慢了点', '基本满意', '就是慢了点'],
    ['还行', '基本满意', ''],
    ['不满意 还是返水', '不满意', '还是返水'],
    ['不太满意', '不满意', ''],
    ['修了跟没修一样 不满意', '不满意', '修了跟没修一样'],
    ['挺满意的 谢谢你们', '满意', '谢谢你们'],
    ['給個滿意', '满意', ''],
    ['勉强基本满意', '基本满意', ''],
    ['基本满意吧 希望以后别再堵了', '基本满意', '希望以后别再堵了'],
    // the verdict in the resident's own words
    ['这样处理我不认可', '不满意', '这样处理我'],
    ['修是修了 还凑合吧', '基本满意', '修是修了'],
    ['师傅来得快 真不错', '满意', '师傅来得快'],
    ['给你们打满分 辛苦了', '满意', '辛苦了'],
    ['师傅干活没得说', '满意', '师傅干活'],
    ['不咋满意 修完又坏了', '不满意', '修完又坏了'],
    ['还算可以 下回早点来', '基本满意', '下回早点来'],
  ])('%s', (text, rating, comment) => {
    expect(parseRating(text)).toEqual({ rating, comment });
  });

  it('counts 基本满意 as satisfied and refuses what is no verdict', () => {
    expect(isSatisfied('基本满意')).toBe(true);
    expect(isSatisfied('不满意')).toBe(false);
    expect(parseRating('修好了吗')).toBeNull();
  });
});

describe('评价 without a number', () => {
  const now = new Date('2026-11-18T10:00:00+08:00');
  const parse = (rest: string) => rateComplaint.parse(rest, { now, timeZone: 'Asia/Shanghai' });

  it('reads the verdict for the complaint awaiting it: residents do not keep numbers', () => {
    expect(parse('修完第二天又坏了 不满意')).toEqual({
      ok: true,
      args: { ref: null, rating: '不满意', comment: '修完第二天又坏了' },
    });
    expect(parse('满意 修得挺快')).toMatchObject({ ok: true, args: { ref: null, rating: '满意' } });
  });

  it('asks for the verdict when there is none', () => {
    expect(parse('我家那个事')).toMatchObject({ ok: false, missing: 'rating' });
  });
});
