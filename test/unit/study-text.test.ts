import { describe, expect, it } from 'vitest';
import {
  asksLeaveForOthers,
  describeSession,
  describeSessions,
  isQuestion,
  parseCancelRequest,
  parseLeaveRequest,
  parseMoveRequest,
  parseRecordForMember,
  parseScheduleText,
  parseTopicRequest,
  type SessionView,
  signsInForOthers,
} from '../../src/domain/study/index.js';

const ZONE = 'Asia/Shanghai';
/** Monday 23 November 2026. */
const NOW = new Date('2026-11-23T10:00:00+08:00');

describe('设置学习日: the branch rule in words', () => {
  it.each([
    {
      text: '每月10日、25日 19:00 社区党群服务中心 遇节假日顺延',
      draft: {
        branchName: null,
        rule: { kind: 'monthDays', days: [10, 25] },
        time: '19:00',
        durationMinutes: 120,
        place: '社区党群服务中心',
        holidayPolicy: 'postpone',
        topic: '',
      },
    },
    {
      text: '每月第二、第四个周三 下午2点半-4点 党群服务中心二楼 提前',
      draft: {
        branchName: null,
        rule: { kind: 'nthWeekday', weekday: 3, nths: [2, 4] },
        time: '14:30',
        durationMinutes: 90,
        place: '党群服务中心二楼',
        holidayPolicy: 'advance',
        topic: '',
      },
    },
    {
      text: '退休支部 每月5号和20号 上午九点半 老年活动中心 照常 主题：学习党章',
      draft: {
        branchName: '退休支部',
        rule: { kind: 'monthDays', days: [5, 20] },
        time: '09:30',
        durationMinutes: 120,
        place: '老年活动中心',
        holidayPolicy: 'keep',
        topic: '学习党章',
      },
    },
    {
      text: '每月最后一个周五 两点 一个半小时 在二楼会议室',
      draft: {
        branchName: null,
        rule: { kind: 'nthWeekday', weekday: 5, nths: [-1] },
        time: '14:00',
        durationMinutes: 90,
        place: '二楼会议室',
        holidayPolicy: 'postpone',
        topic: '',
      },
    },
  ])('$text', ({ text, draft }) => {
    expect(parseScheduleText(text)).toEqual({ ok: true, draft });
  });

  it.each([
    ['每月 19:00 会议室', 'rule'],
    ['每月10、25日', 'time'],
    ['每月10日 19:00', 'place'],
  ])('%s asks for the %s', (text, missing) => {
    expect(parseScheduleText(text)).toEqual({ ok: false, missing });
  });

  it.each(['每月10日、32日 19:00 会议室', '每月10日 凌晨3点 会议室', '每月第五个周三 19:00 会议室'])(
    '%s is refused with a reason',
    (text) => {
      const parsed = parseScheduleText(text);
      expect(parsed.ok).toBe(false);
      expect(parsed).toHaveProperty('error', expect.stringMatching(/[\u4e00-\u9fff]/));
    },
  );
});

describe('secretary requests (dates point to the coming days)', () => {
  it('学习主题 reads the day, the topic and a link', () => {
    expect(
      parseTopicRequest('12月10日 学习二十届四中全会精神 https://www.12371.cn/a.html', NOW, ZONE),
    ).toEqual({
      ok: true,
      value: { date: '2026-12-10', topic: '学习二十届四中全会精神', link: 'https://www.12371.cn/a.html' },
    });
    expect(parseTopicRequest('10号 党章第一章', NOW, ZONE)).toMatchObject({
      value: { date: '2026-12-10', link: null },
    });
    expect(parseTopicRequest('学习党章', NOW, ZONE)).toEqual({ ok: false, missing: 'date' });
    expect(parseTopicRequest('12月10日', NOW, ZONE)).toEqual({ ok: false, missing: 'topic' });
  });

  it('调整学习日 reads from, to, and an optional new time and place', () => {
    expect(parseMoveRequest('12月10日 改到 12月12日 下午3点 社区活动室', NOW, ZONE)).toEqual({
      ok: true,
      value: { from: '2026-12-10', to: '2026-12-12', time: '15:00', place: '社区活动室' },
    });
    expect(parseMoveRequest('25号改到26号', NOW, ZONE)).toEqual({
      ok: true,
      value: { from: '2026-11-25', to: '2026-11-26', time: null, place: '' },
    });
    expect(parseMoveRequest('12月10日', NOW, ZONE)).toEqual({ ok: false, missing: 'to' });
    // A bare 改 moves when a day follows it.
    expect(parseMoveRequest('12月15 改 12月17', NOW, ZONE)).toMatchObject({
      ok: true,
      value: { from: '2026-12-15', to: '2026-12-17' },
    });
    expect(parseMoveRequest('12月15 改时间了', NOW, ZONE)).toEqual({ ok: false, missing: 'to' });
    expect(parseMoveRequest('改到12月12日', NOW, ZONE)).toEqual({ ok: false, missing: 'from' });
  });

  it('调整学习日 said the way secretaries talk: 改在, a week later, the old day named after the new one', () => {
    expect(parseMoveRequest('26号学习改在28号', NOW, ZONE)).toEqual({
      ok: true,
      value: { from: '2026-11-26', to: '2026-11-28', time: null, place: '' },
    });
    expect(parseMoveRequest('这周四的学习往后推一个星期', NOW, ZONE)).toMatchObject({
      ok: true,
      value: { from: '2026-11-26', to: '2026-12-03' },
    });
    expect(parseMoveRequest('学习改到下礼拜三 这礼拜三那次不开了', NOW, ZONE)).toEqual({
      ok: true,
      value: { from: '2026-11-25', to: '2026-12-02', time: null, place: '' },
    });
  });

  it('调整学习日 reads the new time like 设置学习日: 两点 is 14:00, and 6:00–21:30 only', () => {
    expect(parseMoveRequest('12月10日 改到 12月12日 两点', NOW, ZONE)).toMatchObject({
      ok: true,
      value: { time: '14:00' },
    });
    expect(parseMoveRequest('12月10日 改到 12月12日 晚上11点', NOW, ZONE)).toEqual({
      ok: false,
      error: '开始时间要在早上6点到晚上9点半之间，例如「19:00」或「下午2点半」。',
    });
  });

  it('取消学习日 needs the day and a reason', () => {
    expect(parseCancelRequest('12月10日 社区停电', NOW, ZONE)).toEqual({
      ok: true,
      value: { date: '2026-12-10', reason: '社区停电' },
    });
    expect(parseCancelRequest('12月10日', NOW, ZONE)).toEqual({ ok: false, missing: 'reason' });
  });

  it('补签 / 送学上门 keep the words for the roster and read a past date', () => {
    expect(parseRecordForMember('王桂兰 扫码签不上', NOW, ZONE)).toEqual({
      ok: true,
      value: { words: '王桂兰 扫码签不上', date: null },
    });
    expect(parseRecordForMember('王桂兰 25号', NOW, ZONE)).toEqual({
      ok: true,
      value: { words: '王桂兰', date: '2026-10-25' },
    });
    expect(parseRecordForMember('', NOW, ZONE)).toEqual({ ok: false, missing: 'name' });
  });

  it.each([
    ['给张秀兰补签 她来了忘签了', '张秀兰 补签 她来了忘签了'],
    ['唐永福到了 没签上 补签一下', '唐永福 到了 没签上 补签一下'],
    ['给行动不便的王奶奶送学上门了', '王奶奶 行动不便的 送学上门了'],
    ['老范家送学去了 学的四中全会精神', '老范 家送学去了 学的四中全会精神'],
  ])('puts the member named inside a sentence first, as the handler reads it: %s', (text, words) => {
    expect(parseRecordForMember(text, NOW, ZONE)).toEqual({ ok: true, value: { words, date: null } });
  });
});

describe('members: leave and signing in for someone else', () => {
  it.each([
    ['明天学习去不了 要去医院复查', '2026-11-24', '明天学习去不了 要去医院复查'],
    ['我腿脚不好 这周的会就不去了', null, '我腿脚不好 这周的会就不去了'],
    ['下周二在外地 请个假', '2026-12-01', '下周二在外地 请个假'],
    ['陪老伴去医院', null, '陪老伴去医院'],
    ['2026-11-25 去医院复查', '2026-11-25', '去医院复查'],
  ])('请假 %s', (text, date, reason) => {
    expect(parseLeaveRequest(text, NOW, ZONE)).toEqual({ ok: true, value: { date, reason } });
  });

  it('asks for the reason when there is none', () => {
    expect(parseLeaveRequest('', NOW, ZONE)).toEqual({ ok: false, missing: 'reason' });
  });

  it.each(['老张住院了 让我帮他请个假', '帮我老伴请个假', '替老王请假'])('%s is for someone else', (text) => {
    expect(asksLeaveForOthers(text)).toBe(true);
    expect(parseLeaveRequest(text, NOW, ZONE)).toHaveProperty('error');
  });

  it.each([
    ['这个月主题党日线上参加行不行', true],
    ['我在线上参加的 算签到吗', true],
    ['线上学习可以吗', true],
    ['能不能远程学习', true],
    ['在线学习？', true],
    ['已学习', false],
    ['我在深圳 已经线上学习了', false],
  ])('%s → a question: %s', (text, question) => {
    expect(isQuestion(text)).toBe(question);
  });

  it.each([
    ['帮我老伴也签一个 她也来了', true],
    ['我和老伴都到了', true],
    ['帮老张签一下', true],
    ['扫码签不上 帮我手动签一下', false],
    ['我到了 老伴送我来的', false],
    ['已到会议室 签个到', false],
  ])('%s → for someone else: %s', (text, others) => {
    expect(signsInForOthers(text)).toBe(others);
  });
});

describe('a session as members read it', () => {
  const base: SessionView = {
    date: '2026-10-08',
    time: '19:00',
    durationMinutes: 120,
    place: '社区党群服务中心',
    topic: '',
    link: null,
    status: 'scheduled',
    originalDate: '2026-10-01',
    reason: '国庆节放假顺延',
    movedTo: null,
    calendarKnown: true,
  };

  it('explains a shifted day and falls back to the default topic', () => {
    expect(describeSession(base, '学习党章')).toBe(
      '10月8日（周四）19:00，社区党群服务中心（原定10月1日，国庆节放假顺延）\n主题：学习党章',
    );
  });

  it('says a cancelled day is off, with the reason', () => {
    expect(
      describeSession({ ...base, originalDate: null, status: 'cancelled', reason: '社区停电' }, '学习党章'),
    ).toBe('10月8日（周四）19:00，社区党群服务中心（已取消：社区停电）');
  });

  it('names a make-up workday', () => {
    expect(describeSession({ ...base, date: '2026-10-10', originalDate: null }, '')).toBe(
      '10月10日（周六）19:00，社区党群服务中心（国庆节调休上班日）',
    );
  });

  it('warns once under a list when the year’s holidays are not published', () => {
    const unknown = { ...base, originalDate: null, calendarKnown: false, topic: '党史' };
    expect(
      describeSessions(
        [
          { ...unknown, date: '2031-01-10' },
          { ...unknown, date: '2031-01-25' },
        ],
        () => '',
      ),
    ).toEqual([
      '1月10日（周五）19:00，社区党群服务中心\n主题：党史',
      '1月25日（周六）19:00，社区党群服务中心\n主题：党史',
      '（2031年放假安排还没公布，如遇节假日以支部通知为准）',
    ]);
  });
});
