import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMenu } from '../../src/bot/menu.js';
import { buildRegistry } from '../../src/bot/registry.js';
import { commands } from '../../src/commands/index.js';
import { JPEG, numberIn } from '../support/complaints.js';
import { SEEDED_USERS, seedCommunity } from '../support/seed.js';
import { startTestBot, type TestBot, textOf } from '../support/test-bot.js';

/**
 * The simulator beyond typing: a resident who is on no roster, a photo, a location and a menu tap — each played
 * against the stand-in and through the real webhook as WeCom sends it.
 */

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot({
    users: SEEDED_USERS,
    devtools: { jobs: () => ({ list: () => [], run: async () => '' }) },
  });
  await seedCommunity(bot.runtime.deps.models);
});
afterAll(async () => {
  await bot?.close();
});

const post = (path: string, body: unknown) =>
  fetch(`${bot.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
const models = () => bot.runtime.deps.models;
const sent = (userId: string) => bot.standin.messages({ touser: userId }).length;
/** The bot's next message to `userId` after `before` of them. */
const next = async (userId: string, before: number) =>
  textOf((await bot.messagesTo(userId, before + 1))[before]);

describe('a resident who is on no roster', () => {
  it('joins the app’s visibility (WeCom sends subscribe), then reports a problem and reads the answer', async () => {
    const res = await post('/dev/api/resident', { userId: 'zhangdama' });
    expect(await res.json()).toEqual({ added: true });
    expect(await next('zhangdama', 0)).toMatch(/^欢迎使用党建助手！/);
    // Only people in the app's visibility can be written to: the stand-in now delivers to her.
    expect((await post('/dev/api/resident', { userId: 'zhangdama' })).status).toBe(200);
    const before = sent('zhangdama');
    expect(
      (await post('/dev/api/say', { userId: 'zhangdama', text: '反映 5号楼2单元下水道又堵了' })).status,
    ).toBe(200);
    const reply = await next('zhangdama', before);
    expect(reply).toMatch(/已收到您的反映，编号 \d{4}-\d{4}/);
    const complaint = await models().Complaint.findOne({ number: numberIn(reply) });
    expect(complaint?.reporter).toMatchObject({ userId: 'zhangdama', kind: 'resident' });
  });

  it('a member on the roster is picked from the list, not added as a resident', async () => {
    const res = await post('/dev/api/resident', { userId: 'wangguilan' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/名册/);
  });
});

describe('a photo and a location', () => {
  it('a photo sent after a report reaches the complaint as evidence', async () => {
    const before = sent('zhangdama');
    await post('/dev/api/say', { userId: 'zhangdama', text: '反映 6号楼门口垃圾堆了好几天' });
    const number = numberIn(await next('zhangdama', before));
    const res = await post('/dev/api/photo', {
      userId: 'zhangdama',
      filename: '垃圾.jpg',
      data: JPEG.toString('base64'),
    });
    expect(await res.json()).toEqual({ status: 200 });
    expect(await next('zhangdama', before + 1)).toBe(`照片已附到诉求 ${number}（反映）上，并已发给处理人。`);
    expect((await models().Complaint.findOne({ number }))?.photos).toHaveLength(1);
  });

  it('a file that is no photo is refused with the stand-in’s reason', async () => {
    const res = await post('/dev/api/photo', {
      userId: 'zhangdama',
      data: Buffer.from('not a picture').toString('base64'),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/invalid media type/);
  });

  it('a location answers 「在哪里？」', async () => {
    const before = sent('zhangdama');
    await post('/dev/api/say', { userId: 'zhangdama', text: '反映 路灯坏了 晚上黑乎乎的' });
    expect(await next('zhangdama', before)).toMatch(/在哪里/);
    const res = await post('/dev/api/location', {
      userId: 'zhangdama',
      latitude: 31.2304,
      longitude: 121.4737,
      label: '幸福里小区6号楼',
    });
    expect(await res.json()).toEqual({ status: 200 });
    const reply = await next('zhangdama', before + 1);
    const complaint = await models().Complaint.findOne({ number: numberIn(reply) });
    expect(complaint?.building).toBe('6号楼');
  });
});

describe('a tap on the app menu', () => {
  it('sends click with the item’s key once the menu is pushed; a key the menu lacks is refused', async () => {
    const noMenu = await post('/dev/api/menu-click', { userId: 'wangguilan', eventKey: 'cmd:dues.status' });
    expect(((await noMenu.json()) as { error: string }).error).toMatch(/npm run menu -- sync --local/);
    await bot.runtime.deps.wecom.createMenu(buildMenu(buildRegistry(commands)));
    const { items } = (await (await fetch(`${bot.url}/dev/api/menu`)).json()) as {
      items: Array<{ key: string; name: string }>;
    };
    const dues = items.find((i) => i.name === '党费');
    expect(dues).toBeDefined();
    const before = sent('wangguilan');
    expect(
      await (await post('/dev/api/menu-click', { userId: 'wangguilan', eventKey: dues!.key })).json(),
    ).toEqual({
      status: 200,
    });
    expect(await next('wangguilan', before)).toMatch(/党费/);
    const unknown = await post('/dev/api/menu-click', { userId: 'wangguilan', eventKey: 'cmd:nope' });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { error: string }).error).toContain(dues!.key);
  });
});
