import { describe, expect, it } from 'vitest';
import { type Command, defineCommand, ok } from '../../src/bot/command.js';
import { decide, speakerOf, THRESHOLDS } from '../../src/bot/route.js';
import { bigrams, checkLine, isHeldOut, nearlySame, sameLineKey } from '../../src/nlu/corpus.js';
import { cleanText, features, featureValues } from '../../src/nlu/features.js';
import { smallFeaturiser, smallModel } from '../support/nlu.js';

describe('features', () => {
  it('reads a cleaned text: width folded, numbers as one digit, punctuation as a break', () => {
    expect(cleanText('５号楼，下水道  堵了！！')).toBe('0号楼 下水道 堵了');
    expect(cleanText('交了 21.5 元')).toBe('交了 0 元');
  });

  it('gives characters with the ends marked, words, pinyin, speaker and length', () => {
    const found = features('交党费', 'member', smallFeaturiser);
    expect(found).toEqual(
      expect.arrayContaining([
        'r:member',
        'n:m',
        'c:^交',
        'c:党费',
        'c:费$',
        'w:党费',
        'p:dang_fei',
        'q:dangfei',
      ]),
    );
    expect(found).not.toContain('c:^交党');
  });

  it('meets a voice-input homophone on the same pinyin (当费/党费, 前到/签到)', () => {
    const heard = features('当费交了没', 'member', smallFeaturiser);
    expect(heard).toContain('p:dang_fei');
    expect(features('前到', 'member', smallFeaturiser)).toEqual(
      expect.arrayContaining(features('签到', 'member', smallFeaturiser).filter((f) => f.startsWith('p:'))),
    );
  });

  it('marks a complaint number, a person named and a question', () => {
    expect(features('2026-0153办得咋样了', 'resident', smallFeaturiser)).toEqual(
      expect.arrayContaining(['x:ticket', 'x:question']),
    );
    expect(features('老张的党费他闺女转过来了', 'officer', smallFeaturiser)).toContain('x:name');
    expect(features('昨天去敬老院打扫卫生', 'member', smallFeaturiser)).not.toContain('x:question');
  });

  it('weighs the words 1/√n and the speaker and length 1, whatever the length', () => {
    const found = ['r:member', 'n:s', 'c:a', 'c:b', 'c:c', 'c:d'];
    expect(featureValues(found)).toEqual([1, 1, 0.5, 0.5, 0.5, 0.5]);
  });
});

describe('a small trained model', () => {
  const lines = [
    ['党费交了没', 'dues.status'],
    ['我的党费交到几月了', 'dues.status'],
    ['查下党费', 'dues.status'],
    ['签到', 'study.signin'],
    ['我到了 签个到', 'study.signin'],
    ['已到会议室', 'study.signin'],
    ['楼道灯坏了', 'complaint.report', 'resident'],
    ['下水道堵了', 'complaint.report', 'resident'],
    ['楼上太吵了', 'complaint.report', 'resident'],
    ['你好', 'chat.greeting'],
    ['在吗', 'chat.greeting'],
  ] as const;
  const model = smallModel(lines);

  it('ranks what it was taught, with probabilities that sum to one', () => {
    const ranked = model.rank('党费交了吗', 'member');
    expect(ranked[0]?.intent).toBe('dues.status');
    expect(ranked.reduce((sum, s) => sum + s.p, 0)).toBeCloseTo(1, 9);
  });

  it('understands a homophone it never saw through the pinyin', () => {
    expect(model.rank('当费交了没', 'member')[0]?.intent).toBe('dues.status');
    expect(model.rank('前到', 'member')[0]?.intent).toBe('study.signin');
  });

  it('renormalises over the intents considered', () => {
    const only = model.rank('党费交了没', 'resident', (i) => i !== 'dues.status');
    expect(only.map((s) => s.intent)).not.toContain('dues.status');
    expect(only.reduce((sum, s) => sum + s.p, 0)).toBeCloseTo(1, 9);
  });

  it('is trained deterministically: the same lines give the same weights', () => {
    expect(smallModel(lines).artifact).toEqual(model.artifact);
  });
});

describe('the confidence rule', () => {
  const command = (id: string, writes: boolean): Command =>
    defineCommand<object>({
      id,
      triggers: [id],
      audience: 'registered',
      writes,
      summary: id,
      examples: [id],
      parse: () => ok({}),
      handle: async () => undefined,
    }) as Command;
  const known = new Map(
    [command('activity.log', true), command('dues.status', false), command('help', false)].map((c) => [
      c.id,
      c,
    ]),
  );
  const decideOn = (ranked: Array<[string, number]>) =>
    decide(
      ranked.map(([intent, p]) => ({ intent, p })),
      (id) => known.get(id),
    );

  it('acts on a command that writes only when sure, asks in between, and otherwise suggests', () => {
    const { act, ask } = THRESHOLDS.writes;
    expect(decideOn([['activity.log', act]])).toMatchObject({ kind: 'guess', confident: true });
    expect(decideOn([['activity.log', (act + ask) / 2]])).toMatchObject({ kind: 'guess', confident: false });
    expect(
      decideOn([
        ['activity.log', ask - 0.01],
        ['help', 0.1],
        ['dues.status', 0.05],
      ]),
    ).toMatchObject({ kind: 'unclear', suggestions: [{ id: 'activity.log' }, { id: 'dues.status' }] });
  });

  it('acts sooner on a command that only reads', () => {
    expect(decideOn([['dues.status', THRESHOLDS.reads.act]])).toMatchObject({
      kind: 'guess',
      confident: true,
    });
    expect(decideOn([['activity.log', THRESHOLDS.reads.act]])).toMatchObject({ confident: false });
  });

  it('answers greetings and thanks, and shows the likeliest commands for none', () => {
    expect(decideOn([['chat.greeting', THRESHOLDS.chat]])).toEqual({ kind: 'chat', intent: 'chat.greeting' });
    expect(decideOn([['chat.thanks', THRESHOLDS.chat - 0.01]])).toMatchObject({ kind: 'unclear' });
    expect(
      decideOn([
        ['none', 0.7],
        ['dues.status', 0.2],
      ]),
    ).toMatchObject({ kind: 'unclear', suggestions: [{ id: 'dues.status' }] });
  });

  it('reads people not on the roster as residents, and officer roles as officers', () => {
    expect(speakerOf(null)).toBe('resident');
    expect(speakerOf(['member'])).toBe('member');
    expect(speakerOf(['member', 'grid_leader'])).toBe('grid_leader');
    expect(speakerOf(['staff'])).toBe('officer');
    expect(speakerOf(['member', 'grid_leader', 'secretary'])).toBe('officer');
  });
});

describe('the corpus', () => {
  const intents = new Set(['activity.log', 'dues.pay', 'none']);

  it('takes a well-formed line and says why it refuses the others', () => {
    const line = {
      text: '昨天巡河 俩钟头',
      role: 'member',
      intent: 'activity.log',
      slots: { type: 'volunteer', minutes: 120 },
    };
    expect(checkLine(line, intents)).toEqual(line);
    expect(checkLine({ ...line, role: 'visitor' }, intents)).toMatch(/unknown role/);
    expect(checkLine({ ...line, intent: 'activity.dance' }, intents)).toMatch(/unknown intent/);
    expect(checkLine({ ...line, slots: { member: '老张' } }, intents)).toMatch(/slot member not in the spec/);
    expect(checkLine({ ...line, intent: 'none', slots: { type: 'x' } }, intents)).toMatch(
      /not in the spec for none/,
    );
  });

  it('treats lines differing only in numbers and punctuation as one, and near copies as near', () => {
    expect(sameLineKey('3号楼下水道堵了！')).toBe(sameLineKey('12号楼 下水道堵了'));
    const a = bigrams(sameLineKey('老张的党费他闺女用微信转过来了 一共交了仨月的'));
    expect(nearlySame(a, bigrams(sameLineKey('老王的党费他闺女用微信转过来了 一共交了仨月的')))).toBe(true);
    expect(nearlySame(a, bigrams(sameLineKey('楼上天天半夜拖椅子')))).toBe(false);
  });

  it('holds out a fixed fifth, by the text alone', () => {
    const texts = Array.from({ length: 2000 }, (_, i) => `${String.fromCodePoint(0x4e00 + i)}家楼上漏水`);
    const held = texts.filter(isHeldOut).length;
    expect(held).toBeGreaterThan(300);
    expect(held).toBeLessThan(500);
    expect(texts.map(isHeldOut)).toEqual(texts.map(isHeldOut));
  });
});
