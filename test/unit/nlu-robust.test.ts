import { describe, expect, it } from 'vitest';
import { buildRegistry } from '../../src/bot/registry.js';
import { route } from '../../src/bot/route.js';
import { commands } from '../../src/commands/index.js';
import { classify } from '../../src/domain/complaints/categories.js';
import { findTicketNumber } from '../../src/domain/complaints/numbers.js';
import { parseRating } from '../../src/domain/complaints/rating.js';
import { isUrgent } from '../../src/domain/complaints/urgency.js';
import { parseIncomeQuestion } from '../../src/domain/dues/payment-command.js';
import { parseMoveRequest, parseRecordForMember } from '../../src/domain/study/requests.js';
import { normaliseText } from '../../src/domain/text/index.js';

const NOW = new Date('2026-11-18T10:00:00+08:00');
const TZ = 'Asia/Shanghai';
const registry = buildRegistry(commands);
const byId = (id: string) => registry.byId(id)!;
const officer = { speaker: 'officer' as const, allowed: () => true };
const resident = {
  speaker: 'resident' as const,
  allowed: (c: { audience: unknown }) => c.audience === 'anyone',
};

/** Sentences written by people the corpus writers are not: the kinds a fresh probe found misread. */
describe('a trigger word inside a sentence asking for something else', () => {
  const routed = (text: string) => {
    const r = route(registry, normaliseText(text), officer);
    return r.kind === 'run' || r.kind === 'confirm' ? r.command.id : r.kind;
  };
  it.each([
    ['学习日定在每月15号下午两点', 'study.schedule'],
    ['党费应缴多少钱', 'dues.stats'],
  ])('「%s」 is %s, not the command its first word names', (text, id) => {
    expect(routed(text)).toBe(id);
  });
  it.each([
    ['党费', 'dues.status'],
    ['学习日', 'study.when'],
    ['党费 本月', 'dues.status'],
    ['评价 2026-0153 满意', 'complaint.rate'],
  ])('「%s」, the trigger alone or set apart, still runs %s', (text, id) => {
    expect(routed(text)).toBe(id);
  });
});

describe('slots said the way people say them', () => {
  it('reads a verdict with no number, and 好评/差评 as verdicts', () => {
    expect(parseRating('师傅来得挺快 给个好评')?.rating).toBe('满意');
    expect(parseRating('拖了半个月才来 差评')?.rating).toBe('不满意');
    const parse = (text: string) =>
      byId('complaint.rate').parse(text, { now: NOW, timeZone: TZ, by: 'keyword' });
    expect(parse('修了跟没修一样 不满意')).toEqual({
      ok: true,
      args: { ref: null, rating: '不满意', comment: '修了跟没修一样' },
    });
    expect(parse('0098那个基本满意吧')).toMatchObject({
      ok: true,
      args: { ref: { number: '2026-0098' }, rating: '基本满意' },
    });
  });

  it.each([
    ['我想问问2026-0151 说是转给城管了', '2026-0151'],
    ['20260133 咋样了', '2026-0133'],
    ['0153我接了', '2026-0153'],
  ])('reads the complaint number in 「%s」', (text, number) => {
    expect(findTicketNumber(text, 2026)?.number).toBe(number);
  });

  it.each(['5号楼下水道堵了', '换了3个灯泡', '电话13912345678'])(
    'finds no complaint number in 「%s」',
    (text) => {
      expect(() => findTicketNumber(text, 2026)).not.toThrow();
      expect(findTicketNumber(text, 2026)).toBeNull();
    },
  );

  it.each([
    ['李秀珍电话多少', '李秀珍'],
    ['查查老周住哪个楼', '老周'],
    ['蔡秀兰是哪个党小组的', '蔡秀兰'],
    ['丁保国家住几号楼来着', '丁保国'],
    ['王大爷的资料找一下 13号楼那个', '王大爷'],
    ['看下韩玉珍的登记情况', '韩玉珍'],
  ])('finds the name in 「%s」', (text, name) => {
    expect(byId('member.find').parse(text, { now: NOW, timeZone: TZ, by: 'keyword' })).toEqual({
      ok: true,
      args: { name },
    });
  });

  it.each([
    ['给王桂兰补个签 她没带手机', '王桂兰 补个签 她没带手机'],
    ['今天去周大爷家送学了', '周大爷 家送学了'],
    ['王桂兰 没带手机', '王桂兰 没带手机'],
  ])('puts the name first in 「%s」 (the roster is searched by the start)', (text, words) => {
    expect(parseRecordForMember(text, NOW, TZ)).toMatchObject({ ok: true, value: { words } });
  });

  it.each([
    ['25号的学习往后挪两天', '2026-11-25', '2026-11-27'],
    ['12月10日学习提前一天', '2026-12-10', '2026-12-09'],
    ['11月30号的学习推迟3天 通知一下大家', '2026-11-30', '2026-12-03'],
  ])('moves 「%s」 by days', (text, from, to) => {
    expect(parseMoveRequest(text, NOW, TZ)).toEqual({ ok: true, value: { from, to, time: null, place: '' } });
  });

  it('hears someone who may have collapsed at home as urgent 安全, not as 噪声 (没动静)', () => {
    const text = '有个老人锁在家里没动静了 敲门也不应';
    expect(classify(text)).toBe('safety');
    expect(isUrgent(text)).toBe(true);
  });

  it.each([
    ['楼上小孩天天跑跳 咚咚咚的', 'noise'],
    ['晚上有人在楼下喝酒划拳 大喊大叫', 'noise'],
  ])('「%s」 is %s', (text, category) => {
    expect(classify(text)).toBe(category);
  });

  it('a student says so as 还在上学', () => {
    expect(parseIncomeQuestion('我还在上学 党费按多少交').category).toBe('student');
  });
});

describe('a resident', () => {
  it('rating a complaint without its number is heard as a verdict', () => {
    const r = route(registry, normaliseText('修好了 挺满意的'), resident);
    expect(r.kind === 'run' || r.kind === 'confirm' ? r.command.id : r.kind).toBe('complaint.rate');
  });
});
