import { describe, expect, it } from 'vitest';
import { type Command, defineCommand, ok } from '../../src/bot/command.js';
import { buildRegistry, RegistryError } from '../../src/bot/registry.js';
import { commands } from '../../src/commands/index.js';
import { smallModel } from '../support/nlu.js';

/** A model that knows the made-up commands below, and a sentence that belongs to none. */
const model = smallModel([
  ['示例', 'demo.cmd'],
  ['查 东西', 'short'],
  ['查成员 王桂兰', 'long'],
  ['党费', 'a.one'],
  ['查询', 'b.two'],
  ['今天天气不错', 'none'],
  ['别的', 'none'],
]);

const spec = (over: Partial<Command<object>>): Command =>
  defineCommand<object>({
    id: 'demo.cmd',
    triggers: ['示例'],
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
    expect(() => buildRegistry([a, b], model)).toThrow(/trigger "党费" used by both a.one and b.two/);
  });

  it.each([
    ['a bad id', { id: 'Bad Id' }, /bad id/],
    ['no triggers', { triggers: [] }, /no triggers/],
    ['no examples', { examples: [] }, /no examples/],
    ['an empty audience', { audience: [] }, /empty audience/],
    [
      'an example that another command would take',
      { examples: ['别的'] },
      /example "别的" is understood as none/,
    ],
  ])('refuses %s', (_name, over, message) => {
    expect(() => buildRegistry([spec(over as Partial<Command<object>>)], model)).toThrow(RegistryError);
    expect(() => buildRegistry([spec(over as Partial<Command<object>>)], model)).toThrow(message);
  });

  it('prefers the longest trigger and passes the rest of the sentence', () => {
    const short = spec({ id: 'short', triggers: ['查'], examples: ['查 东西'] });
    const long = spec({ id: 'long', triggers: ['查成员'], examples: ['查成员 王桂兰'] });
    const registry = buildRegistry([short, long], model);
    expect(registry.match('查成员 王桂兰')).toMatchObject({
      command: { id: 'long' },
      rest: '王桂兰',
      by: 'trigger',
    });
    expect(registry.match('查 天气')).toMatchObject({ command: { id: 'short' }, rest: '天气' });
  });

  it('refuses a command the intent model has never seen', () => {
    expect(() => buildRegistry([spec({ id: 'unheard.of' })], model)).toThrow(
      /unheard.of: not in the intent model/,
    );
  });

  it('only matches commands the asker may use', () => {
    const registry = buildRegistry(commands);
    expect(registry.match('查成员 王桂兰', (c) => c.id !== 'member.find')).toBeNull();
  });

  it('ranks free sentences over the commands the asker may use, and chat intents', () => {
    const registry = buildRegistry(commands);
    expect(registry.rank('我想看看我的个人资料', 'member')[0]?.intent).toBe('member.info');
    const resident = registry.rank('楼道里的声控灯不亮好久了', 'resident', (c) => c.audience === 'anyone');
    expect(resident[0]?.intent).toBe('complaint.report');
    expect(resident.every((s) => !s.intent.startsWith('dues.'))).toBe(true);
    expect(resident.reduce((sum, s) => sum + s.p, 0)).toBeCloseTo(1, 6);
  });
});
