import { describe, expect, it } from 'vitest';
import { cardKey, parseCardKey } from '../../src/bot/command.js';

describe('card button keys', () => {
  it('carry the command id and a payload that may itself contain the separator', () => {
    const key = cardKey('study.signin', 'sess|42');
    expect(parseCardKey(key)).toEqual({ commandId: 'study.signin', payload: 'sess|42' });
  });

  it('are not read from keys without a command id', () => {
    expect(parseCardKey('signin')).toBeNull();
    expect(parseCardKey('|x')).toBeNull();
  });
});
