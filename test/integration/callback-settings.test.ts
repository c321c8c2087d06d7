import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { WecomCallbackClient } from '../../src/standin/callback-client.js';
import { corp, startTestBot, type TestBot } from '../support/test-bot.js';

/** A token or key copied wrong shows in the log as the setting to check, not only as "callback rejected". */

const lines: Array<{ level: number; msg: string }> = [];
let bot: TestBot;
beforeAll(async () => {
  const log = createLogger('warn', { write: (line: string) => void lines.push(JSON.parse(line)) });
  bot = await startTestBot({ log });
});
afterAll(async () => {
  await bot?.close();
});

/** WeCom as it would sign and encrypt with the settings the admin console holds. */
const wecomWith = (settings: Partial<typeof corp>) =>
  new WecomCallbackClient({ ...corp, ...settings, botUrl: `${bot.url}/wecom/callback`, now: bot.clock.now });
const ERROR = 50;
const hints = (setting: string) =>
  lines.filter((l) => l.level === ERROR && l.msg.includes(`check ${setting}`));

describe('callbacks rejected for a wrong setting', () => {
  it('names WECOM_TOKEN for a signature that does not match, once a minute however many arrive', async () => {
    const wrongToken = wecomWith({ token: 'NotTheTokenTheBotHas' });
    for (let i = 0; i < 3; i++) expect((await wrongToken.sendText('lijianguo', '帮助')).status).toBe(401);
    expect(hints('WECOM_TOKEN')).toHaveLength(1);
    expect(lines.filter((l) => l.msg === 'callback rejected')).toHaveLength(3);
    bot.clock.set(new Date(bot.clock.now().getTime() + 61_000).toISOString());
    await wrongToken.sendText('lijianguo', '帮助');
    expect(hints('WECOM_TOKEN')).toHaveLength(2);
  });

  it('names WECOM_ENCODING_AES_KEY for ciphertext that does not open', async () => {
    const wrongKey = wecomWith({ encodingAesKey: 'b'.repeat(43) });
    expect((await wrongKey.sendText('lijianguo', '帮助')).status).toBe(400);
    expect(hints('WECOM_ENCODING_AES_KEY')).toHaveLength(1);
    expect(hints('WECOM_ENCODING_AES_KEY')[0]?.msg).toMatch(/EncodingAESKey/);
  });
});
