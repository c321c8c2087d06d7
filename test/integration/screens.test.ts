import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AttendanceKind } from '../../src/domain/study/index.js';
import type { YearMonth } from '../../src/domain/text/index.js';
import { type ClockedBot, startClockedBot } from '../support/clocked-bot.js';
import { cardsTo, numberIn } from '../support/complaints.js';
import { ask } from '../support/desk.js';
import { commonestInk, pixelsOfColour } from '../support/png.js';
import { SEEDED_USERS, seedCommunity } from '../support/seed.js';
import { textOf, waitFor } from '../support/test-bot.js';
import { mediaOf } from '../support/xlsx.js';

/** Messages that must not be too long or say the same thing twice (issue 19 §4), each through the webhook. */

let c: ClockedBot;
const models = () => c.bot.runtime.deps.models;
const count = (text: string, part: string) => text.split(part).length - 1;

/** 45 more members of 退休支部: with the seeded four, 49 people at every study day. */
const OTHERS = [
  ...'张桂芳 李淑珍 王秀兰 刘玉兰 陈桂英 杨秀珍 黄淑英 赵玉珍 周桂兰 吴秀英 徐凤英 孙玉梅 胡秀云 朱桂珍 高淑兰',
  ...' 林秀梅 何玉英 郭桂香 马秀芳 罗淑华 梁国强 宋建华 郑志刚 谢德胜 韩建军 唐国庆 冯志强 于永刚 董建国 萧长林',
  ...' 程福生 曹玉山 袁德明 邓振华 许文斌 傅国良 沈宝山 曾庆云 彭汉生 吕建民 苏明亮 卢世昌 蒋光明 蔡德顺 魏长顺',
]
  .join('')
  .split(' ');
/** Away from the room: in another city (流动党员). */
const MOBILE = ['梁国强', '宋建华'];
/** Missed study days without leave, and how many of November's two. */
const ABSENT = {
  郑志刚: 2,
  谢德胜: 2,
  韩建军: 1,
  唐国庆: 1,
  冯志强: 1,
  于永刚: 1,
  董建国: 1,
  萧长林: 1,
} as const;

/** A branch of 49 and November's two study days (10th, 25th), written as sign-in, leave and 送学上门 leave them. */
async function seedNovember(seeded: Awaited<ReturnType<typeof seedCommunity>>) {
  const { community, branches } = seeded;
  const branchId = branches.retired._id;
  await models().Member.create(
    OTHERS.map((name, i) => ({
      communityId: community._id,
      wecomUserId: `retired${i + 1}`,
      name,
      roles: ['member' as const],
      branchId,
      duesCategory: 'retired' as const,
      status: MOBILE.includes(name) ? ('mobile' as const) : ('active' as const),
    })),
  );
  const members = await models().Member.find({ branchId, roles: 'member' }).lean();
  const secretary = members.find((m) => m.name === '赵秀英')!._id;
  for (const [n, date] of ['2026-11-10', '2026-11-25'].entries()) {
    const session = await models().StudySession.create({
      communityId: community._id,
      branchId,
      date,
      time: '19:00',
      durationMinutes: 90,
      place: '老年活动中心',
      origin: 'rule',
    });
    const kindOf = (name: string): AttendanceKind | null => {
      if (name === '王桂兰') return 'home_delivered';
      if (MOBILE.includes(name)) return 'remote';
      if (name === '陈淑芬' || (n === 1 && name === '王海')) return 'leave';
      const absent = ABSENT[name as keyof typeof ABSENT] ?? 0;
      return absent > n ? null : 'signed';
    };
    await models().Attendance.create(
      members.flatMap((m) => {
        const kind = kindOf(m.name);
        return kind
          ? [
              {
                communityId: community._id,
                branchId,
                sessionId: session._id,
                memberId: m._id,
                kind,
                reason: kind === 'leave' ? '身体不适' : '',
                byMemberId: kind === 'home_delivered' ? secretary : m._id,
                at: new Date(`${date}T19:05:00+08:00`),
              },
            ]
          : [];
      }),
    );
  }
}

/** 王桂兰's year: 40 activities (12 of them this December), twelve monthly charges and paying them month by month. */
async function seedMemberYear(seeded: Awaited<ReturnType<typeof seedCommunity>>) {
  const { community, branches } = seeded;
  const member = (await models().Member.findOne({ wecomUserId: 'wangguilan' }))!;
  const collector = (await models().Member.findOne({ wecomUserId: 'chenshufen' }))!;
  const doings = [
    { type: 'volunteer', description: '在社区帮忙打扫卫生', minutes: 120, place: '社区广场' },
    { type: 'visit', description: '去3号楼看望独居的李奶奶', minutes: 60, place: '3号楼' },
    { type: 'study', description: '在家学习党章第三章', minutes: 90, place: null },
    { type: 'volunteer', description: '在小区东门做防诈骗宣传', minutes: 150, place: '小区东门' },
  ] as const;
  await models().Activity.create(
    Array.from({ length: 40 }, (_, i) => {
      // 12 in December (1st–6th), the other 28 from January to November.
      const date =
        i < 12
          ? `2026-12-0${1 + (i % 6)}`
          : `2026-${String(1 + ((i - 12) % 11)).padStart(2, '0')}-${String(3 + ((i - 12) % 20)).padStart(2, '0')}`;
      return {
        communityId: community._id,
        memberId: member._id,
        branchId: branches.retired._id,
        ...doings[i % doings.length]!,
        date,
        month: date.slice(0, 7),
        sourceMsgId: `seed-activity-${i}`,
      };
    }),
  );
  const months = Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`);
  await models().DuesCharge.create(
    months.map((month) => ({
      communityId: community._id,
      memberId: member._id,
      branchId: branches.retired._id,
      wecomUserId: 'wangguilan',
      duesSchedule: 'monthly' as const,
      month,
      fen: 1000,
    })),
  );
  await models().DuesPayment.create(
    months.slice(0, 11).map((month, i) => ({
      communityId: community._id,
      memberId: member._id,
      branchId: branches.retired._id,
      receiptNo: `2026-${String(i + 1).padStart(4, '0')}`,
      amountFen: 1000,
      covered: [{ month: month as YearMonth, fen: 1000 }],
      method: i % 2 ? ('cash' as const) : ('wechat' as const),
      payer: { name: '王小红', relation: '女儿' },
      collectorMemberId: collector._id,
      sourceKey: `seed-payment-${i}`,
      paidAt: new Date(`${month}-05T10:00:00+08:00`),
    })),
  );
}

beforeAll(async () => {
  // Sunday 6 December 2026, 09:30.
  c = await startClockedBot('2026-12-06T09:30:00+08:00', { users: SEEDED_USERS });
  const seeded = await seedCommunity(models());
  await seedNovember(seeded);
  await seedMemberYear(seeded);
  expect(await c.say('zhaoxiuying', '设置学习日 每月10日、25日 19:00 老年活动中心 顺延')).toMatch(
    /^已设置退休支部/,
  );
}, 60_000);

describe('the secretary’s 考勤 for a branch of 49', () => {
  it('fits one screen: the counts and rate, who missed, who is away, and what to send for the detail', async () => {
    const reply = await c.say('zhaoxiuying', '考勤 11月');
    expect(reply).toBe(
      [
        '学习考勤 · 2026年11月（本支部）：2次学习，应到98人次',
        '到场79 远程6 请假3 缺席10，参学率87%',
        '缺席：谢德胜2次、郑志刚2次、董建国、冯志强、韩建军等8人',
        '流动党员：梁国强、宋建华',
        '送学上门：王桂兰',
        '每人每次的明细，请发「导出 考勤 2026年11月」，会发来表格。',
      ].join('\n'),
    );
    expect(reply.length).toBeLessThanOrEqual(300);
    // Exactly one message: no second one of 49 lines.
    const before = c.bot.standin.messages({ touser: 'zhaoxiuying' }).length;
    await c.say('zhaoxiuying', '学习日');
    expect(c.bot.standin.messages({ touser: 'zhaoxiuying' }).length).toBe(before + 1);
  });

  it('offers an 导出 that sends the detail', async () => {
    const [caption, file] = await ask(c, 'zhaoxiuying', '导出 考勤 2026年11月', 2);
    expect(textOf(caption)).toMatch(/^2026年11月学习考勤（退休支部）：2次学习，49人，应到98人次/);
    expect(file?.msgtype).toBe('file');
  });
});
afterAll(async () => {
  await c?.bot.close();
});

describe('the holiday note of a year not yet published', () => {
  it('is said once under a month of sessions, not under each', async () => {
    const reply = await c.say('wangguilan', '学习日 明年1月');
    expect(reply).toBe(
      [
        '1月的学习日：',
        '1月10日（周日）19:00，老年活动中心',
        '1月25日（周一）19:00，老年活动中心',
        '（2027年放假安排还没公布，如遇节假日以支部通知为准）',
      ].join('\n'),
    );
  });

  it('is said once in the secretary’s 学习安排 too', async () => {
    const reply = await c.say('zhaoxiuying', '学习安排 明年1月');
    expect(reply).toMatch(/^2027年1月学习安排（本支部）\n/);
    expect(count(reply, '2027年放假安排还没公布')).toBe(1);
  });
});

describe('a complaints chart with one category', () => {
  it('names the category in a legend under the bars', async () => {
    expect(await c.say('wangguilan', '反映 5号楼2单元下水道堵了 一楼都返水了')).toMatch(/^已收到/);
    const [caption, image] = await ask(c, 'zhouming', '图表 诉求', 2);
    expect(textOf(caption)).toMatch(/收到1件.*类别最多的是下水道堵塞1件/);
    const png = (await mediaOf(c.bot, image)).data;
    // The legend's swatch, in the bar's colour, sits below the bars: in the bottom 50 of the 900 rows, which
    // only the x-axis labels share.
    expect(pixelsOfColour(png, commonestInk(png), 850)).toBeGreaterThan(100);
  });
});

/** Ends with what to send for the next screen. */
const MORE = /（第\d+\/\d+页）发送「更多」看下一页$/;

describe('a member’s phone screen', () => {
  /** Five seconds on, so the same words sent again are a new message, not WeCom retrying the last one. */
  const say = (userId: string, text: string) => {
    c.set(new Date(c.now().getTime() + 5_000).toISOString());
    return c.say(userId, text);
  };
  beforeAll(async () => {
    // 王海's reports, each a different problem and place. (He, not 王桂兰, asks about them: WeCom takes at most
    // 30 messages a minute to one person, and the bot keeps under that.)
    for (const text of [
      '反映 6号楼楼道灯坏了 晚上黑乎乎的 老人下楼不方便',
      '反映 小区东门垃圾桶满了好几天没人清理 味道很大',
      '反映 5号楼楼下烧烤店天天半夜吵 睡不着觉',
      '反映 6号楼3单元顶楼漏雨 墙皮都掉了',
      '反映 小区健身器材坏了 单杠松动 怕伤着孩子',
    ]) {
      expect(await say('wangguilan', text)).toMatch(/^已收到/);
    }
  }, 60_000);

  /** What members send in a month: their lists, dues, points, complaints; 王桂兰 (78) has a year of records. */
  const ASKS: Array<[string, string]> = [
    ['wangguilan', '我的信息'],
    ['wangguilan', '我的活动'],
    ['wangguilan', '我的活动 今年'],
    ['wangguilan', '党费'],
    ['wangguilan', '交党费找谁'],
    ['wangguilan', '我的积分'],
    ['wangguilan', '学习日'],
    ['wangguilan', '学习日 明年1月'],
    ['wangguilan', '考勤'],
    ['wangguilan', '考勤 年'],
    ['wanghai', '我的反映'],
    ['wanghai', '菜单'],
  ];

  it.each(ASKS)('%s: 「%s」 fits one screen or says what to send for more', async (userId, text) => {
    const reply = await say(userId, text);
    expect(reply.length <= 300 || MORE.test(reply), reply).toBe(true);
    expect(reply.length).toBeLessThanOrEqual(300);
  });

  it('gives a long list a screen at a time with 「更多」, to its end', async () => {
    const first = await say('wangguilan', '我的活动 今年');
    expect(first).toMatch(MORE);
    const pages = [first];
    while (MORE.test(pages.at(-1)!)) pages.push(await say('wangguilan', '更多'));
    expect(pages.at(-1)).toMatch(/（第(\d+)\/\1页，完）$/);
    for (const page of pages) expect(page.length).toBeLessThanOrEqual(300);
    // Every activity listed (the newest 20 of 40) is on some page, once.
    const all = pages.join('\n');
    expect(all.match(/^\d+月\d+日（周.）/gm)).toHaveLength(20);
    expect(all).toContain('（只列出最近20条）');
    expect(await say('wangguilan', '更多')).toBe(
      '没有更多了，上一条已经看完。想查什么可以再发一次，例如「我的活动」。',
    );
  });

  it('gives a member the help as topics, which fit one screen', async () => {
    const reply = await say('wangguilan', '帮助');
    expect(reply).toMatch(
      /^王桂兰您好，我是社区「党建助手」。可以直接发文字给我，我能办这些事：\n【党员信息】我的信息\n/,
    );
    expect(reply).toContain('发「帮助 党员信息」看这一类每项怎么发');
    expect(reply.length).toBeLessThanOrEqual(300);
  });

  it('leaves an officer’s lists whole: they work from them', async () => {
    const reply = await say('zhaoxiuying', '我的反映');
    expect(reply).not.toMatch(MORE);
  });
});

describe('text passed on to others', () => {
  it('keeps the resident’s own 「？」「！」 in the complaint the grid leader sees and in a note passed on', async () => {
    const filed = await c.say('chenshufen', '反映 6号楼2单元楼道里堆满了纸箱子，谁能管管？消防通道都堵了！');
    const number = numberIn(filed);
    const complaint = await models().Complaint.findOne({ number });
    expect(complaint?.description).toContain('谁能管管？消防通道都堵了！');
    // 刘强 leads 幸福三网格 (5号楼, 6号楼): his card shows her words.
    const card = await waitFor(
      () => cardsTo(c.bot, 'liuqiang').find((k) => JSON.stringify(k).includes(number)),
      (k) => k !== undefined,
    );
    expect(JSON.stringify(card)).toContain('谁能管管？消防通道都堵了！');
    const before = c.bot.standin.messages({ touser: 'liuqiang' }).length;
    expect(await c.say('chenshufen', `补充 ${number} 三楼也有，什么时候来清？`)).toMatch(/^已补充/);
    const [note] = (await c.bot.messagesTo('liuqiang', before + 1)).slice(before).map(textOf);
    expect(note).toContain('三楼也有，什么时候来清？');
  });

  it('keeps them when the bot had to ask where, and the place came in the next message', async () => {
    expect(
      await c.say('zhouming', '反映 电梯三天两头坏，上上下下全靠爬楼，我们七八十岁的人怎么办？'),
    ).toMatch(/^请问是在哪里？/);
    const filed = await c.say('zhouming', '5号楼1单元');
    const complaint = await models().Complaint.findOne({ number: numberIn(filed) });
    expect(complaint?.description).toContain('电梯三天两头坏，上上下下全靠爬楼，我们七八十岁的人怎么办？');
  });
});
