import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScheduledJob } from '../../jobs/scheduled/run.js';
import { REPLY } from '../../src/bot/replies.js';
import { addMonths } from '../../src/domain/dues/allocation.js';
import { currentYearMonth, type YearMonth } from '../../src/domain/text/index.js';
import { projectPath } from '../../src/paths.js';
import type { RecordedMessage } from '../../src/standin/fake-wecom-api.js';
import { CALENDAR_INSTANTS } from '../support/clock.js';
import { inspectPng } from '../support/png.js';
import { seedCommunity } from '../support/seed.js';
import { startTestBot, type TestBot, textOf, waitFor } from '../support/test-bot.js';

/**
 * The secretary's desk through the real webhook: 月报, a chart image, the dues ledger spreadsheet and points,
 * against a ledger with known answers, laid out around the month M of the bot's clock — at each of the
 * instants where calendar bugs hide.
 */
describe.each(Object.entries(CALENDAR_INSTANTS))('the desk at %s', (_, instant) => {
  const ZONE = 'Asia/Shanghai';
  const M = currentYearMonth(new Date(instant), ZONE) as YearMonth;
  const M1 = addMonths(M, -1);
  const M2 = addMonths(M, -2);
  const YEAR = M.slice(0, 4);
  const monthName = (m: YearMonth) => `${Number(m.slice(5))}月`;

  /** Monthly dues charged (fen) and the months charged, in 退休支部 (赵秀英's branch) unless said. */
  const CHARGES: Array<[string, YearMonth[], number]> = [
    ['wangguilan', [M2, M1, M], 2_100],
    ['wanghai', [M2, M1, M], 1_500],
    ['zhaoxiuying', [M], 2_500],
    ['lijianguo', [M], 9_000], // 居民第一支部
  ];
  /** Payments: who, months covered, the day paid, how. 王海 pays M2 late; his M1 payment is reversed. */
  const PAYMENTS = [
    {
      who: 'wangguilan',
      months: [M2],
      day: `${M2}-10`,
      method: 'wechat' as const,
      payer: { name: '王小红', relation: '女儿' },
    },
    { who: 'wangguilan', months: [M1], day: `${M1}-12`, method: 'wechat' as const, payer: null },
    { who: 'wanghai', months: [M2], day: `${M1}-05`, method: 'cash' as const, payer: null },
    {
      who: 'wanghai',
      months: [M1],
      day: `${M1}-06`,
      method: 'cash' as const,
      payer: null,
      reversed: '金额记错',
    },
    { who: 'zhaoxiuying', months: [M], day: `${M}-01`, method: 'cash' as const, payer: null },
  ];
  const ACTIVITIES: Array<[string, 'volunteer' | 'visit', number]> = [
    ['wangguilan', 'volunteer', 120],
    ['wangguilan', 'visit', 60],
    ['wanghai', 'volunteer', 90],
    ['lijianguo', 'volunteer', 300], // another branch
  ];

  let bot: TestBot;
  const receipts = new Map<string, string>();
  const id = async (userId: string) =>
    (await bot.runtime.deps.models.Member.findOne({ wecomUserId: userId }))!._id;

  beforeAll(async () => {
    bot = await startTestBot({
      at: instant,
      users: ['lijianguo', 'wangguilan', 'wanghai', 'zhaoxiuying', 'chenshufen', 'zhouming'],
    });
    const { community } = await seedCommunity(bot.runtime.deps.models);
    const { Member, DuesCharge, DuesPayment, DuesReversal, Activity } = bot.runtime.deps.models;
    // Away since January: a long-absent mobile member takes no part in points.
    await Member.updateOne(
      { wecomUserId: 'chenshufen' },
      { status: 'mobile', mobility: { whereTo: '深圳', since: '2026-01-01' } },
    );
    const member = async (userId: string) => (await Member.findOne({ wecomUserId: userId }).lean())!;
    for (const [who, months, fen] of CHARGES) {
      const m = await member(who);
      for (const month of months)
        await DuesCharge.create({
          communityId: community._id,
          memberId: m._id,
          branchId: m.branchId,
          wecomUserId: m.wecomUserId,
          duesSchedule: m.duesSchedule,
          month,
          fen,
        });
    }
    const collector = await id('zhaoxiuying');
    for (const [i, p] of PAYMENTS.entries()) {
      const m = await member(p.who);
      const fen = CHARGES.find(([w]) => w === p.who)![2];
      const receiptNo = `XINGFULI-${p.day.slice(0, 4)}-${String(i + 1).padStart(5, '0')}`;
      receipts.set(`${p.who}:${p.months[0]}${p.reversed ? ':reversed' : ''}`, receiptNo);
      await DuesPayment.create({
        communityId: community._id,
        memberId: m._id,
        branchId: m.branchId,
        receiptNo,
        amountFen: fen * p.months.length,
        covered: p.months.map((month) => ({ month, fen })),
        method: p.method,
        payer: p.payer,
        collectorMemberId: collector,
        sourceKey: `fixture-${i}`,
        paidAt: new Date(`${p.day}T10:00:00+08:00`),
      });
      if (p.reversed)
        await DuesReversal.create({
          communityId: community._id,
          receiptNo,
          memberId: m._id,
          reason: p.reversed,
          byMemberId: collector,
        });
    }
    for (const [i, [who, type, minutes]] of ACTIVITIES.entries()) {
      const m = await member(who);
      await Activity.create({
        communityId: community._id,
        memberId: m._id,
        branchId: m.branchId,
        partyGroupId: m.partyGroupId,
        type,
        date: `${M}-01`,
        month: M,
        minutes,
        description: `活动${i + 1}`,
        sourceMsgId: `fixture-activity-${i}`,
      });
    }
  });
  afterAll(async () => {
    await bot?.close();
  });

  const say = (userId: string, text: string) => bot.say(userId, text);

  /** Sends a text and waits for `count` new messages to the sender (a caption, then the image or file). */
  async function ask(userId: string, text: string, count: number): Promise<RecordedMessage[]> {
    const before = bot.standin.messages({ touser: userId }).length;
    await bot.wecom.sendText(userId, text);
    return (await bot.messagesTo(userId, before + count)).slice(before);
  }

  /** The bytes of an image or file message, fetched as the bot would (media/get). */
  const mediaOf = async (m: RecordedMessage | undefined) => {
    const payload = (m?.body[m.msgtype] ?? {}) as { media_id?: string };
    return bot.runtime.deps.wecom.getMedia(payload.media_id ?? '');
  };

  /** A spreadsheet row as a plain array (exceljs leaves holes for empty cells). */
  const cells = (row: ExcelJS.Row, from = 1) =>
    Array.from({ length: row.cellCount - from + 1 }, (_, i) => row.getCell(from + i).value ?? null);

  describe('月报', () => {
    it('gives a branch secretary the month’s dues and activities in one message', async () => {
      const report = await say('zhaoxiuying', '月报');
      expect(report).toContain(`月报 · ${YEAR}年${Number(M.slice(5))}月（本支部）`);
      expect(report).toContain('【党费】\n应缴 61.00元 · 实缴 25.00元 · 收缴率 41.0%\n欠交 2人：');
      expect(report).toContain(`王桂兰：欠1个月（${monthName(M)}）21.00元`);
      // 王海's M1 payment was reversed: the 月报 names all he owes, not only this month.
      // Across a new year the months carry their years.
      const owed =
        M1.slice(0, 4) === YEAR
          ? `${monthName(M1)}、${monthName(M)}`
          : `${M1.slice(0, 4)}年${monthName(M1)}、${YEAR}年${monthName(M)}`;
      expect(report).toContain(`王海：欠2个月（${owed}）30.00元`);
      expect(report).toContain('【活动】\n共3次，2人参与，合计4.5小时；其中志愿服务3.5小时');
      expect(report).toContain('主要类型：志愿服务 2次/3.5小时；走访慰问 1次/1小时');
      expect(report).not.toContain('李建国');
    });

    it('covers the community for an admin, and any month asked for', async () => {
      expect(await say('zhouming', '统计')).toMatch(
        /（全社区）[\s\S]*应缴 151.00元 · 实缴 25.00元[\s\S]*共4次，3人参与/,
      );
      const last = await say('zhaoxiuying', '月报 上个月');
      expect(last).toContain(`${Number(M1.slice(5))}月（本支部）`);
      expect(last).toContain(`应缴 36.00元 · 实缴 21.00元 · 收缴率 58.3%`); // 王海's M1 payment was reversed
      expect(last).toContain('没有活动记录。');
    });
  });

  describe('a chart as an image', () => {
    it('renders the dues collection rate, uploads it and sends it after a line of figures', async () => {
      const uploads = bot.standin.counts().upload;
      const [caption, image] = await ask('zhaoxiuying', '图表 党费', 2);
      // 12 months: due (21+15)×3 + 25 = 133, paid 21×2 + 15 + 25 = 82 → 61.7%; this month 25/61.
      expect(textOf(caption)).toBe('党费收缴率 · 近12个月（本支部）：合计收缴率 61.7%，本月 41.0%。图见下。');
      expect(image?.msgtype).toBe('image');
      expect(bot.standin.counts().upload).toBe(uploads + 1);
      const png = await mediaOf(image);
      expect(png.contentType).toBe('image/png');
      // Kept for a human look, like the browser tests' screenshots.
      mkdirSync(projectPath('test-artifacts'), { recursive: true });
      writeFileSync(projectPath('test-artifacts/desk-dues-rate.png'), png.data);
      const found = inspectPng(png.data);
      expect(found).toMatchObject({ width: 1600, height: 900 });
      expect(found.colours).toBeGreaterThan(50);
      expect(found.inked).toBeGreaterThan(0.05);
    });

    it('answers 党费图表 the same way, and says which charts exist for one that does not', async () => {
      const [, image] = await ask('zhaoxiuying', '党费图表', 2);
      expect(image?.msgtype).toBe('image');
      expect(await say('zhaoxiuying', '图表 天气')).toBe(
        '还没有「天气」图表。可以发：「图表 党费」近12个月党费收缴率；「图表 考勤」最近12次学习的参学率；「图表 诉求」近3个月各网格诉求件数，按类别分色。',
      );
    });
  });

  describe('the dues ledger spreadsheet', () => {
    /** What the register shows for a member in a month of the ledger's year. */
    function expectedCell(who: string, month: YearMonth): string | number | null {
      const paid = PAYMENTS.find((p) => p.who === who && p.months.includes(month) && !p.reversed);
      if (paid) return CHARGES.find(([w]) => w === who)![2] / 100;
      return CHARGES.some(([w, months]) => w === who && months.includes(month)) ? '未交' : null;
    }
    const yearMonths = Array.from(
      { length: 12 },
      (_, i) => `${YEAR}-${String(i + 1).padStart(2, '0')}` as YearMonth,
    );

    async function checkRegister(workbook: ExcelJS.Workbook, who: Record<string, string>) {
      const register = workbook.getWorksheet('党费交纳登记表')!;
      const headers = cells(register.getRow(2));
      expect(headers.slice(0, 8)).toEqual([
        '序号',
        '姓名',
        '支部',
        '党小组',
        '人员类别',
        '计算基数(元)',
        '核定依据',
        '月应缴(元)',
      ]);
      expect(headers.slice(8, 20)).toEqual(yearMonths.map((m) => `${Number(m.slice(5))}月`));
      expect(headers.slice(20)).toEqual(['应缴合计(元)', '实缴合计(元)', '欠缴月数', '欠缴金额(元)']);
      const rows = new Map<string, ReturnType<typeof cells>>();
      register.eachRow((row, n) => {
        if (n > 2) rows.set(String(row.getCell(2).value), cells(row));
      });
      for (const [userId, name] of Object.entries(who)) {
        const row = rows.get(name)!;
        expect(row.slice(8, 20)).toEqual(yearMonths.map((m) => expectedCell(userId, m)));
        const [, charged, fen] = CHARGES.find(([w]) => w === userId)!;
        const due = charged.filter((m) => m.startsWith(YEAR));
        const unpaid = due.filter((m) => expectedCell(userId, m) === '未交');
        expect(row.slice(20)).toEqual([
          (due.length * fen) / 100,
          ((due.length - unpaid.length) * fen) / 100,
          unpaid.length,
          (unpaid.length * fen) / 100,
        ]);
      }
      return rows;
    }

    it('is sent as a file whose every figure matches the ledger', async () => {
      const [caption, file] = await ask('zhaoxiuying', `导出 党费台账 ${YEAR}`, 2);
      expect(textOf(caption)).toMatch(
        new RegExp(`^${YEAR}年党费台账（退休支部）：3人，应缴 .*表格见下方文件。$`),
      );
      expect(file?.msgtype).toBe('file');
      const media = await mediaOf(file);
      expect(media.filename).toBe(`党费台账-${YEAR}-退休支部.xlsx`);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(media.data as unknown as ArrayBuffer);
      const rows = await checkRegister(workbook, {
        wangguilan: '王桂兰',
        wanghai: '王海',
        zhaoxiuying: '赵秀英',
      });
      expect(rows.has('李建国')).toBe(false);
      expect(rows.get('王桂兰')!.slice(2, 5)).toEqual(['退休支部', '第二党小组', '退休']);
      expect(rows.get('合计')).toBeDefined();

      const detail = workbook.getWorksheet('缴纳明细')!;
      const lines = new Map<string, ReturnType<typeof cells>>();
      detail.eachRow((row, n) => {
        if (n > 2) lines.set(`${row.getCell(2).value}:${row.getCell(4).value}`, cells(row));
      });
      if (M2.startsWith(YEAR)) {
        expect(lines.get(`王桂兰:${M2}`)!.slice(4, 11)).toEqual([
          21,
          21,
          `${M2}-10`,
          '微信',
          '王小红（女儿）',
          '赵秀英',
          receipts.get(`wangguilan:${M2}`),
        ]);
        expect(lines.get(`王海:${M2}`)!.at(-1)).toBe('补交');
      }
      if (M1.startsWith(YEAR))
        expect(lines.get(`王海:${M1}`)!.at(-1)).toBe(
          `已冲正 ${receipts.get(`wanghai:${M1}:reversed`)}（金额记错）`,
        );
    });

    it('is written the same way by npm run export, for the whole community', async () => {
      const out = join(mkdtempSync(join(tmpdir(), 'ledger-')), 'ledger.xlsx');
      const run = await promisify(execFile)(
        'npx',
        ['tsx', 'src/cli.ts', 'export', '党费台账', YEAR, '--out', out],
        {
          cwd: projectPath(),
          env: { ...process.env, MONGODB_URI: bot.config.mongodbUri },
        },
      );
      expect(run.stdout).toMatch(new RegExp(`^${YEAR}年党费台账（幸福里社区）：4人.*已写入 ${out}`));
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(out);
      await checkRegister(workbook, { wangguilan: '王桂兰', lijianguo: '李建国' });
    });

    it('exports the month’s activities too, and names what can be exported', async () => {
      const [caption, file] = await ask('zhaoxiuying', '导出 活动 本月', 2);
      expect(textOf(caption)).toContain('活动记录（退休支部）：3次，2人参与，合计4.5小时。');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load((await mediaOf(file)).data as unknown as ArrayBuffer);
      const records = workbook.getWorksheet('活动记录')!;
      expect(records.rowCount).toBe(2 + 3);
      expect(cells(records.getRow(3)).slice(1, 7)).toEqual([
        `${M}-01`,
        '王桂兰',
        '退休支部',
        '第二党小组',
        '志愿服务',
        2,
      ]);
      expect(await say('zhaoxiuying', '导出 天气 三季度')).toMatch(
        /^还不能导出「天气 三季度」。可以发：「导出 党费台账 \d{4}」.*「导出 考勤 三季度」.*「导出 诉求 11月」/,
      );
    });
  });

  describe('points', () => {
    const onTime = [M2, M1].filter((m) => m.startsWith(YEAR)).length; // 王桂兰 paid both within their month

    it('show a member their own points with the breakdown, computed from the records', async () => {
      const mine = await say('wangguilan', '我的积分');
      expect(mine).toContain(`王桂兰同志，您${YEAR}年的积分：${2 + onTime}分（本支部第1名，共3人）`);
      expect(mine).toContain('· 志愿服务 2分（2小时×1分）');
      expect(mine).not.toContain('每小时');
      expect(mine).toContain(`· 按时交纳党费 ${onTime}分`);
      expect(mine).toContain('· 组织生活 0分');
    });

    it('leave out a long-absent mobile member, and say why', async () => {
      expect(await say('chenshufen', '我的积分')).toBe(
        '陈淑芬同志，您外出流动满6个月，暂不参加积分。有疑问请联系支部书记。',
      );
    });

    it('rank a branch for its secretary; other branches only for the community', async () => {
      const ranking = await say('zhaoxiuying', '积分排行');
      expect(ranking).toContain(`积分排行 · ${YEAR}年（本支部）`);
      expect(ranking).toContain(`1. 王桂兰 ${2 + onTime}分`);
      expect(ranking).toContain('2. 王海 1.5分（志愿服务1.5）'); // his dues were late or reversed
      expect(ranking).toContain('不参加积分1人：陈淑芬（外出流动满6个月，暂不参加积分）');
      expect(await say('zhaoxiuying', '积分排行 居民第一支部')).toBe('只能查看本支部的积分排行。');
      expect(await say('zhouming', '积分排行 居民第一支部')).toMatch(/（居民第一支部）\n1\. 李建国 5分/);
    });
  });

  describe('who may use the desk', () => {
    it.each(['导出 党费台账 2026', '导出 活动 本月', '月报', '图表 党费', '积分排行', '党务公开'])(
      'a member may not: %s',
      async (text) => {
        expect(await say('wanghai', text)).toBe(REPLY.notAllowed);
      },
    );
  });

  describe('帮助 for a secretary', () => {
    it('puts the charts and spreadsheets under 报表, and the topic fits one message', async () => {
      const overview = await say('zhaoxiuying', '帮助');
      expect(overview).toMatch(
        /\n【报表】月报、党务公开、图表、图表 党费、图表 考勤、图表 诉求、导出、导出 党费台账、导出 考勤、导出 活动、导出 诉求\n/,
      );
      const topic = await say('zhaoxiuying', '帮助 报表');
      expect(topic).toContain('\n· 图表 考勤 —— 最近12次学习的参学率（图片，书记、委员）\n');
      expect(topic).toContain('\n· 导出 诉求 11月 —— 诉求台账：');
      expect(Buffer.byteLength(topic, 'utf8')).toBeLessThanOrEqual(2048);
    });
  });

  describe('党务公开', () => {
    // The month that opens the period containing M (periods of two months from January).
    const opens = addMonths(M, 2 - ((Number(M.slice(5)) - 1) % 2));
    const at = new Date(`${opens}-05T09:00:00+08:00`);

    it('sends each branch secretary a notice ready to post, once per period', async () => {
      expect(await runScheduledJob(bot.runtime.deps, 'party-affairs-disclosure', at)).toMatch(
        /发给 2 位书记/,
      );
      expect(await runScheduledJob(bot.runtime.deps, 'party-affairs-disclosure', at)).toMatch(
        /发给 0 位书记/,
      );
      const later = new Date(`${addMonths(opens, 1)}-05T09:00:00+08:00`);
      expect(await runScheduledJob(bot.runtime.deps, 'party-affairs-disclosure', later)).toMatch(
        /不是党务公开月/,
      );
      for (const job of await bot.runtime.deps.queues.outbound.getDelayed()) await job.promote();
      const notice = await waitFor(
        () => bot.standin.messages({ touser: 'zhaoxiuying' }).map(textOf),
        (texts) => texts.some((t) => t.startsWith('请审核后张贴')),
        10_000,
        'the disclosure notice',
      );
      const text = notice.find((t) => t.startsWith('请审核后张贴'))!;
      expect(text).toMatch(/\n退休支部党务公开（\d{4}年\d+月–(\d{4}年)?\d+月）\n【党费】\n应缴 /);
      expect(text).toContain('已交齐');
      expect(text).not.toMatch(/王桂兰|王海/); // public: totals only
      expect(text).toMatch(/以上内容公开不少于7天。[\s\S]*退休支部　\d{4}年\d+月5日$/);
    });

    it('writes one on demand for any period', async () => {
      const text = await say('zhaoxiuying', '党务公开 本月');
      expect(text).toContain(`退休支部党务公开（${YEAR}年${Number(M.slice(5))}月）`);
      expect(text).toContain(
        '【党费】\n应缴 61.00元，实缴 25.00元，收缴率 41.0%。\n应交纳党员 3人，已交齐 1人。',
      );
      expect(text).toContain('【活动】\n党员登记参加活动 3次，2人参与，志愿服务合计3.5小时。');
    });
  });
});
