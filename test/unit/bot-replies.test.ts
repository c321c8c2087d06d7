import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HELP_TEXT, replyFor, WELCOME_TEXT } from '../../src/bot/replies.js';
import { parseInbound } from '../../src/wecom/inbound.js';

const message = (name: string) =>
  parseInbound(readFileSync(new URL(`../../fixtures/wecom/decrypted/${name}.xml`, import.meta.url), 'utf8'));

describe('replyFor', () => {
  it('answers any text with the Chinese guide', () => {
    expect(replyFor(message('text-help'))).toBe(HELP_TEXT);
    expect(HELP_TEXT).toMatch(/党建助手/);
  });

  it('welcomes a new follower and answers a menu click', () => {
    expect(replyFor(message('event-subscribe'))).toBe(WELCOME_TEXT);
    expect(replyFor(message('event-click'))).toBe(HELP_TEXT);
  });

  it('asks a voice sender to type, politely', () => {
    expect(replyFor(message('voice'))).toMatch(/语音.*打字/);
  });

  it.each(['image', 'video', 'location', 'link', 'unknown-type'])(
    'never leaves a %s message in silence',
    (name) => {
      expect(replyFor(message(name))).toMatch(/[\u4e00-\u9fff]/);
    },
  );

  it('stays quiet when a member merely opens the app or reports location', () => {
    expect(replyFor(message('event-enter-agent'))).toBeNull();
    expect(replyFor(message('event-location'))).toBeNull();
  });
});
