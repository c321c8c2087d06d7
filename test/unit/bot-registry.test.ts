import { describe, expect, it } from 'vitest';
import { type Command, defineCommand, ok } from '../../src/bot/command.js';
import { buildRegistry, RegistryError } from '../../src/bot/registry.js';
import { commands } from '../../src/commands/index.js';

const spec = (over: Partial<Command<object>>): Command =>
  defineCommand<object>({
    id: 'demo.cmd',
    triggers: ['示例'],
    keywords: [],
    audience: 'anyone',
    summary: '示例',
    examples: ['示例'],
    parse: () => ok({}),
    handle: async () => undefined,
    ...over,
  }) as Command;

describe('buildRegistry', () => {
  it('accepts the real command set', () => {
    expect(() => buildRegistry(commands)).not.toThrow();
  });

  it('refuses two commands sharing a trigger, naming both', () => {
    const a = spec({ id: 'a.one', triggers: ['党费'], examples: ['党费'] });
    const b = spec({ id: 'b.two', triggers: ['查询', '党费'], examples: ['查询'] });
    expect(() => buildRegistry([a, b])).toThrow(/trigger "党费" used by both a.one and b.two/);
  });

  it.each([
    ['a bad id', { id: 'Bad Id' }, /bad id/],
    ['no triggers', { triggers: [] }, /no triggers/],
    ['no examples', { examples: [] }, /no examples/],
    ['an empty audience', { audience: [] }, /empty audience/],
    [
      'an example that another command would take',
      { examples: ['别的'] },
      /example "别的" is matched as nothing/,
    ],
  ])('refuses %s', (_name, over, message) => {
    expect(() => buildRegistry([spec(over as Partial<Command<object>>)])).toThrow(RegistryError);
    expect(() => buildRegistry([spec(over as Partial<Command<object>>)])).toThrow(message);
  });

  it('prefers the longest trigger and passes the rest of the sentence', () => {
    const short = spec({ id: 'short', triggers: ['查'], examples: ['查 东西'] });
    const long = spec({ id: 'long', triggers: ['查成员'], examples: ['查成员 王桂兰'] });
    const registry = buildRegistry([short, long]);
    expect(registry.match('查成员 王桂兰')).toMatchObject({
      command: { id: 'long' },
      rest: '王桂兰',
      by: 'trigger',
    });
    expect(registry.match('查 天气')).toMatchObject({ command: { id: 'short' }, rest: '天气' });
  });

  it('matches free sentences by keywords, and refuses to guess on a tie', () => {
    const dues = spec({ id: 'dues', triggers: ['党费'], keywords: ['党费', '交了没'], examples: ['党费'] });
    const study = spec({ id: 'study', triggers: ['学习日'], keywords: ['学习'], examples: ['学习日'] });
    const registry = buildRegistry([dues, study]);
    expect(registry.match('帮我查下党费 还欠几个月')).toMatchObject({
      command: { id: 'dues' },
      by: 'keyword',
    });
    expect(registry.match('我这个月交了没')).toMatchObject({ command: { id: 'dues' } });
    const tie = buildRegistry([
      spec({ id: 'x', triggers: ['甲'], keywords: ['开会'], examples: ['甲'] }),
      spec({ id: 'y', triggers: ['乙'], keywords: ['学习'], examples: ['乙'] }),
    ]);
    expect(tie.match('开会学习')).toBeNull();
  });

  it('only matches commands the asker may use', () => {
    const registry = buildRegistry(commands);
    expect(registry.match('查成员 王桂兰', (c) => c.id !== 'member.find')).toBeNull();
  });

  it('suggests the closest commands for text it cannot place', () => {
    const registry = buildRegistry(commands);
    expect(registry.suggest('我的个人资料呢', () => true).map((c) => c.id)).toContain('member.info');
    expect(registry.suggest('今天天气怎么样', () => true)).toEqual([]);
  });
});
