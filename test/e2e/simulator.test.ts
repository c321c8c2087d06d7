import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  type Page,
} from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMenu } from '../../src/bot/menu.js';
import { buildRegistry } from '../../src/bot/registry.js';
import { commands } from '../../src/commands/index.js';
import { scheduledJobRunner } from '../../src/devtools/job-runner.js';
import { currentYearMonth } from '../../src/domain/text/index.js';
import { projectPath } from '../../src/paths.js';
import type { OutboundContent } from '../../src/queues/definitions.js';
import { enqueueOutbound } from '../../src/queues/queues.js';
import type { ButtonInteractionCard } from '../../src/wecom/api/types.js';
import { SEEDED_USERS, seedCommunity } from '../support/seed.js';
import { corp, HELP_REPLY, startTestBot, type TestBot, waitFor } from '../support/test-bot.js';

/** The /dev chat simulator in Debian's Chromium, against the whole bot and the WeCom stand-in. */

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = projectPath('test-artifacts');
const SHANGHAI_TIME = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

let bot: TestBot;
let browser: Browser;
let desktop: BrowserContext;
let page: Page;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: run scripts/ensure-chromium.sh as root (npm test does).`);
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  bot = await startTestBot({
    users: SEEDED_USERS,
    devtools: { jobs: scheduledJobRunner },
  });
  await seedCommunity(bot.runtime.deps.models);
  await bot.runtime.deps.models.Member.updateOne({ wecomUserId: 'wangguilan' }, { duesBaseFen: 420_000 });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  // A browser far from Shanghai: the page must still show the community's times.
  desktop = await newContext({
    viewport: { width: 1280, height: 900 },
    timezoneId: 'America/New_York',
    locale: 'zh-CN',
  });
  page = await desktop.newPage();
});

afterAll(async () => {
  await browser?.close();
  await bot?.close();
});

async function newContext(options: BrowserContextOptions): Promise<BrowserContext> {
  const context = await browser.newContext(options);
  context.setDefaultTimeout(10_000); // fail fast, well inside vitest's 30 s
  return context;
}

const shot = (p: Page, name: string) =>
  p.screenshot({ path: `${ARTIFACTS}/simulator-${name}.png`, fullPage: true });

const sendAsBot = (jobId: string, content: OutboundContent) =>
  enqueueOutbound(bot.runtime.deps.queues.outbound, jobId, {
    touser: ['wangguilan'],
    content,
    purpose: 'test',
  });

/** Uploads media through the bot's API client and sends it straight to the stand-in, as a future command would. */
async function sendMedia(msgtype: 'image' | 'file', filename: string, data: Buffer, contentType: string) {
  const { mediaId } = await bot.runtime.deps.wecom.uploadMedia(msgtype, filename, data, contentType);
  const token = (await (
    await fetch(`${bot.standin.url}/cgi-bin/gettoken?corpid=${corp.corpId}&corpsecret=${corp.secret}`)
  ).json()) as { access_token: string };
  const res = await fetch(`${bot.standin.url}/cgi-bin/message/send?access_token=${token.access_token}`, {
    method: 'POST',
    body: JSON.stringify({
      touser: 'wangguilan',
      agentid: corp.agentId,
      msgtype,
      [msgtype]: { media_id: mediaId },
    }),
  });
  expect(await res.json()).toMatchObject({ errcode: 0 });
}

const lastBotBubble = () => page.locator('.chat-log .msg-in').last();

describe('chatting as a member', () => {
  it('finds a member by name, with branch and roles, and picks them with the keyboard', async () => {
    await page.goto(`${bot.url}/dev`);
    await expect.poll(() => page.locator('.feed').textContent()).toBe('实时更新中');
    await page.getByLabel('按姓名或账号查找').fill('王桂');
    const person = page.getByRole('button', { name: /王桂兰/ });
    await expect.poll(() => page.locator('.person').count()).toBe(1);
    expect(await person.textContent()).toMatch(/wangguilan.*退休支部.*党员/);
    await person.focus();
    await page.keyboard.press('Enter');
    expect(await person.getAttribute('aria-pressed')).toBe('true');
    await page.getByRole('heading', { name: /王桂兰/ }).waitFor();
  });

  it('sends 帮助 through the webhook and shows the reply live, at Shanghai time', async () => {
    const composer = page.getByLabel(/以 王桂兰 的身份发消息/);
    await composer.fill('帮助');
    await composer.press('Enter');
    await page.locator('.msg-out .bubble', { hasText: '帮助' }).waitFor();
    await lastBotBubble().filter({ hasText: HELP_REPLY }).waitFor();
    const [recorded] = bot.standin.messages({ touser: 'wangguilan' });
    expect(await lastBotBubble().locator('time').textContent()).toBe(
      SHANGHAI_TIME.format(new Date(recorded!.at)),
    );
    expect(await page.locator('.msg-out').last().getAttribute('data-state')).toBe('sent');
  });

  it('sends 我的信息 and shows the member card', async () => {
    await page.getByLabel(/以 王桂兰 的身份发消息/).fill('我的信息');
    await page.getByRole('button', { name: '发送', exact: true }).click();
    await lastBotBubble().filter({ hasText: '王桂兰（退休支部 · 第二党小组）' }).waitFor();
    expect(await lastBotBubble().textContent()).toContain('手机：138****1234');
  });

  it('renders a template card whose button press reaches the bot as a template_card_event', async () => {
    const taskId = `e2e-${randomUUID()}`;
    const card: ButtonInteractionCard = {
      card_type: 'button_interaction',
      task_id: taskId,
      source: { desc: '幸福里社区党委' },
      main_title: { title: '三月主题党日', desc: '3月5日（周四）上午9点 · 社区活动室' },
      horizontal_content_list: [{ keyname: '内容', value: '学习雷锋精神，打扫楼道' }],
      button_list: [
        { text: '参加', style: 1, key: 'join' },
        { text: '请假', style: 2, key: 'leave' },
      ],
    };
    await sendAsBot(`card-${taskId}`, {
      type: 'template_card',
      card,
      fallbackText: '三月主题党日：参加请回复 1',
    });
    const rendered = page.getByRole('article', { name: '模板卡片：三月主题党日' });
    await rendered.waitFor();
    const join = rendered.getByRole('button', { name: '参加' });
    const leave = rendered.getByRole('button', { name: '请假' });
    expect(await rendered.textContent()).toContain('学习雷锋精神');

    await join.focus();
    await page.keyboard.press('Space');
    await rendered.getByText('已提交「参加」').waitFor();
    expect(await join.getAttribute('aria-pressed')).toBe('true');
    expect(await join.isDisabled()).toBe(true);
    expect(await leave.isDisabled()).toBe(true);
    await rendered.screenshot({ path: `${ARTIFACTS}/simulator-card.png` });

    const event = await waitFor(
      async () =>
        (await bot.runtime.deps.queues.inbound.getJobs(['waiting', 'active', 'completed', 'failed'])).find(
          (job) => (job.data.message as { taskId?: string }).taskId === taskId,
        ),
      (job) => job !== undefined,
      10_000,
      'the template_card_event on the inbound queue',
    );
    expect(event?.data.message).toMatchObject({
      kind: 'event',
      event: 'template_card_event',
      fromUser: 'wangguilan',
      eventKey: 'join',
      taskId,
    });
  });

  it('renders markdown, text cards, images and files', async () => {
    await sendAsBot('md-1', {
      type: 'markdown',
      content: '# 本月党费\n应交 **12.00 元**，<font color="warning">请于25日前缴纳</font>\n> 可由家属代缴',
    });
    await sendAsBot('tc-1', {
      type: 'textcard',
      title: '学习材料已更新',
      description: '<div class="gray">2026年3月1日</div><div class="normal">请在本周内学习完毕</div>',
      url: 'https://example.org/study',
      btntxt: '去学习',
    });
    const markdown = page.locator('.markdown').last();
    await markdown.waitFor();
    expect(await markdown.locator('strong').textContent()).toBe('12.00 元');
    expect(await markdown.locator('.md-warning').textContent()).toBe('请于25日前缴纳');
    const textcard = page.getByRole('article', { name: '文本卡片：学习材料已更新' });
    await textcard.waitFor();
    expect(await textcard.getByRole('link', { name: '去学习' }).getAttribute('href')).toBe(
      'https://example.org/study',
    );

    const picture = await page.locator('.top').screenshot();
    await sendMedia('image', 'header.png', picture, 'image/png');
    // Not text/plain: the bot's media/get takes a text/plain answer for a JSON error.
    await sendMedia(
      'file',
      '党费收据.csv',
      Buffer.from('姓名,月份,金额\n王桂兰,2026-03,12.00\n'),
      'text/csv',
    );
    const image = page.getByRole('img', { name: '机器人发送的图片' });
    await image.waitFor();
    await expect
      .poll(() => image.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth))
      .toBeGreaterThan(0);
    // The file's name, as WeCom shows it in the chat.
    const file = page.getByRole('link', { name: '文件：党费收据.csv · 点击下载' });
    const download = await fetch(new URL((await file.getAttribute('href')) ?? '', bot.url));
    expect(download.headers.get('content-disposition')).toContain(encodeURIComponent('党费收据.csv'));
    expect(await download.text()).toContain('王桂兰,2026-03,12.00');
  });

  it('lists what was sent to everyone, filterable by person', async () => {
    await bot.wecom.sendText('lijianguo', '帮助');
    await bot.messagesTo('lijianguo', 1);
    const items = page.locator('.log-item');
    const total = bot.standin.messages().length;
    await expect.poll(() => items.count()).toBe(total);
    const filter = page.getByLabel('按接收人筛选');
    await filter.selectOption('lijianguo');
    await expect.poll(() => items.count()).toBe(1);
    expect(await items.first().textContent()).toContain('李建国（lijianguo）');
    await filter.selectOption('wangguilan');
    await expect.poll(() => items.count()).toBe(total - 1);
    const listed = await page.locator('.log-list').textContent();
    expect(listed).not.toContain('lijianguo');
    expect(listed).toContain('手机：138****1234'); // summaries drop markdown, not a masked number's stars
  });

  it('runs scheduled jobs from the time machine: the monthly charge, then the reminder reaches the chat', async () => {
    const month = currentYearMonth(bot.clock.now(), 'Asia/Shanghai');
    const runJob = async (name: string, at: string) => {
      await page.getByLabel('任务').selectOption(name);
      await page.getByLabel('假装现在是').fill(at);
      await page.getByRole('button', { name: '运行', exact: true }).click();
    };
    // The clock reads as the community writes it (2026-12-06 06:20), not in the browser's US style.
    expect(await page.getByLabel('假装现在是').inputValue()).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    await runJob('dues-charges', `${month}-01 00:10`);
    await page.locator('.job-report', { hasText: '新生成 1 笔' }).waitFor();

    const composer = page.getByLabel(/以 王桂兰 的身份发消息/);
    await composer.fill('党费');
    await composer.press('Enter');
    await lastBotBubble().filter({ hasText: '未交（21.00元）' }).waitFor();

    await runJob('dues-reminders', `${month}-15 10:15`);
    await page.locator('.job-report', { hasText: '本次提醒 1 人' }).waitFor();
    // The reminder leaves a little after 10:15 (kept off the crowded minutes): release it now.
    for (const job of await bot.runtime.deps.queues.outbound.getDelayed()) await job.promote();
    await lastBotBubble().filter({ hasText: '党费还没有交' }).waitFor();
    await shot(page, 'time-machine');
  });

  it('chats as a resident on no roster, who sends a location and taps the app menu', async () => {
    await bot.runtime.deps.wecom.createMenu(buildMenu(buildRegistry(commands)));
    await page.getByLabel(/以不在名册上的居民身份聊天/).fill('zhangdama');
    await page.getByRole('button', { name: '开始', exact: true }).click();
    await lastBotBubble().filter({ hasText: '欢迎使用党建助手' }).waitFor();
    const composer = page.getByLabel(/以 居民 zhangdama 的身份发消息/);
    await composer.fill('反映 路灯坏了 晚上黑乎乎的');
    await composer.press('Enter');
    await lastBotBubble().filter({ hasText: '在哪里' }).waitFor();
    await page.getByText('发图片、位置或点菜单').click();
    await page.getByLabel(/发位置/).fill('31.2304,121.4737,幸福里小区6号楼');
    await page.getByRole('button', { name: '发送位置' }).click();
    await lastBotBubble().filter({ hasText: '已收到您的反映' }).waitFor();
    await page.getByLabel('点应用菜单').selectOption({ label: '我的反映' });
    await page.getByRole('button', { name: '点击', exact: true }).click();
    await lastBotBubble().filter({ hasText: '6号楼' }).waitFor();
    await shot(page, 'resident');
  });

  it('labels every control', async () => {
    const unlabelled = await page.$$eval('input, select, textarea', (controls) =>
      controls
        .filter((c) => (c as unknown as { labels: { length: number } | null }).labels?.length === 0)
        .map((c) => c.outerHTML),
    );
    expect(unlabelled).toEqual([]);
    await shot(page, 'desktop');
  });
});

describe('other screens', () => {
  const noSideways = (p: Page) =>
    p.evaluate(() => {
      // Runs in the page; the test program is compiled without DOM types.
      const { documentElement: root } = (
        globalThis as unknown as {
          document: { documentElement: { scrollWidth: number; clientWidth: number } };
        }
      ).document;
      return root.scrollWidth <= root.clientWidth;
    });

  async function openAsWangguilan(context: BrowserContext): Promise<Page> {
    const p = await context.newPage();
    await p.goto(`${bot.url}/dev`);
    await p.getByLabel('按姓名或账号查找').fill('王桂兰');
    await p.getByRole('button', { name: /王桂兰/ }).click();
    await p.getByRole('article', { name: '模板卡片：三月主题党日' }).waitFor();
    return p;
  }

  it('fits a phone, one pane at a time', async () => {
    const phone = await newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      timezoneId: 'Asia/Shanghai',
    });
    const p = await openAsWangguilan(phone);
    expect(await p.getByLabel('按姓名或账号查找').isVisible()).toBe(false);
    expect(await noSideways(p)).toBe(true);
    await p.screenshot({ path: `${ARTIFACTS}/simulator-phone.png` });
    await p.getByRole('button', { name: '全部消息' }).click();
    await p.getByLabel('按接收人筛选').waitFor();
    await shot(p, 'phone-log');
    await phone.close();
  });

  it('stays readable at 200% zoom', async () => {
    // 1280×900 at 200% is a 640×450 CSS-pixel viewport drawn at twice the density.
    const zoomed = await newContext({ viewport: { width: 640, height: 450 }, deviceScaleFactor: 2 });
    const p = await openAsWangguilan(zoomed);
    expect(await noSideways(p)).toBe(true);
    expect(await p.getByRole('button', { name: '时光机' }).isVisible()).toBe(true);
    await p.screenshot({ path: `${ARTIFACTS}/simulator-zoom-200.png` });
    await zoomed.close();
  });
});
