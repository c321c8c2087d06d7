import { describe, expect, it } from 'vitest';
import { DuplicateCheck } from '../../src/standin/message-rules.js';

const body = (extra: Record<string, unknown> = {}) => ({
  touser: 'a|b',
  msgtype: 'text',
  text: { content: '提醒' },
  enable_duplicate_check: 1,
  ...extra,
});

describe("the stand-in's message/send duplicate check", () => {
  it('answers an identical request inside the interval with the first msgid and delivers nothing new', () => {
    const check = new DuplicateCheck();
    expect(check.seen(body(), 'm1', 0)).toBeNull();
    expect(check.seen(body(), 'm2', 1_799_000)).toBe('m1');
    expect(check.seen(body(), 'm3', 1_800_000)).toBeNull(); // the default 1800 s have passed
  });

  it('caps the interval at 4 hours and ignores requests that did not ask for it', () => {
    const check = new DuplicateCheck();
    const long = body({ duplicate_check_interval: 86_400 });
    expect(check.seen(long, 'm1', 0)).toBeNull();
    expect(check.seen(long, 'm2', 4 * 3600_000)).toBeNull();
    const plain = body({ enable_duplicate_check: 0 });
    expect(check.seen(plain, 'm3', 0)).toBeNull();
    expect(check.seen(plain, 'm4', 1)).toBeNull();
  });

  it('treats a different recipient list or content as a new request', () => {
    const check = new DuplicateCheck();
    expect(check.seen(body(), 'm1', 0)).toBeNull();
    expect(check.seen(body({ touser: 'a' }), 'm2', 1)).toBeNull();
    expect(check.seen(body({ text: { content: '另一条' } }), 'm3', 2)).toBeNull();
  });
});
