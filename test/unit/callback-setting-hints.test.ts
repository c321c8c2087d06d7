import { describe, expect, it } from 'vitest';
import { settingHints } from '../../src/server/routes/setting-hints.js';

describe('a rejected callback names the setting to check, once a minute at most', () => {
  it('says WECOM_TOKEN for a bad signature and WECOM_ENCODING_AES_KEY for ciphertext that will not open', () => {
    let now = new Date('2026-11-18T10:00:00+08:00');
    const hint = settingHints(() => now);
    expect(hint('bad_signature')).toMatch(/check WECOM_TOKEN/);
    expect(hint('undecryptable')).toMatch(/check WECOM_ENCODING_AES_KEY/);
    expect(hint('foreign_receiver')).toMatch(/check WECOM_CORP_ID/);
    expect(hint('stale_timestamp')).toBeNull(); // a clock or a replay, not a setting
    expect(hint('too_large')).toBeNull();

    now = new Date('2026-11-18T10:00:59+08:00');
    expect(hint('bad_signature')).toBeNull();
    expect(hint('undecryptable')).toBeNull();
    now = new Date('2026-11-18T10:01:00+08:00');
    expect(hint('bad_signature')).toMatch(/WECOM_TOKEN/);
    expect(hint('bad_signature')).toBeNull();
  });
});
