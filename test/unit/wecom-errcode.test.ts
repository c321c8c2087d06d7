import { describe, expect, it } from 'vitest';
import {
  classifyErrcode,
  configHint,
  WecomApiError,
  type WecomErrorKind,
} from '../../src/wecom/api/errors.js';

describe('classifyErrcode', () => {
  it.each<[number, WecomErrorKind]>([
    [40014, 'token'],
    [42001, 'token'],
    [41001, 'token'],
    [40001, 'config'],
    [40013, 'config'],
    [40056, 'config'],
    [40091, 'config'],
    [48002, 'config'],
    [60020, 'config'],
    [-1, 'retryable'],
    [45009, 'rate_limited'],
    [45033, 'rate_limited'],
    [45035, 'rate_limited'],
    [45036, 'rate_limited'],
    [40007, 'permanent'],
    [81013, 'permanent'],
    [82001, 'permanent'],
    [44004, 'permanent'],
    [45002, 'permanent'],
    [60111, 'permanent'],
    [0, 'permanent'],
  ])('%i → %s', (errcode, kind) => {
    expect(classifyErrcode(errcode)).toBe(kind);
  });
});

describe('configHint', () => {
  it('tells the operator about the trusted IP list for 60020, in Chinese and English', () => {
    expect(configHint(60020)).toContain('企业可信IP');
    expect(configHint(60020)).toMatch(/trusted IP/i);
  });

  it.each([40001, 40013, 40056, 40091, 48002, 12345])('has a sentence for %i', (errcode) => {
    expect(configHint(errcode).length).toBeGreaterThan(20);
  });
});

describe('WecomApiError', () => {
  it('classifies from the errcode unless told otherwise', () => {
    const e = new WecomApiError({ api: 'message/send', errcode: 42001, errmsg: 'access_token expired' });
    expect(e).toBeInstanceOf(Error);
    expect([e.kind, e.api, e.errcode, e.transport]).toEqual(['token', 'message/send', 42001, false]);
    expect(e.message).toContain('42001');
    const net = new WecomApiError({
      api: 'gettoken',
      errcode: -1,
      errmsg: 'x',
      kind: 'retryable',
      transport: true,
    });
    expect([net.kind, net.transport]).toEqual(['retryable', true]);
  });
});
